"""Pure computation for social insurance (no Django): retirement dates and pensions, one person
or millions at once."""
