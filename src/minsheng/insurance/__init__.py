"""Social insurance: enrolment, contributions, individual accounts, pensions under the 2025
reform, unemployment insurance and personal pensions, with every rate and age as dated rules."""
