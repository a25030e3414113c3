"""A small snapshot (as of 2026-10-15) whose 2026Q3 statistics are worked out by hand below.

Cities: Hangzhou 330100, Ningbo 330200, Beijing 110100. Occupations: W welder (6-18-02-04),
S software (2-02-10-03, digital), C cashier (4-01-02-04), G a green one (2-02-27-05).

Shortage, 2026Q3 (2026-07-01 … 09-30), published vacancies overlapping the quarter:
  Hangzhou W 10 + 5 (the second open 06-01…07-15) = 15 from 2 vacancies; S 8; C 2
  Ningbo W 6 (S pending, C rejected: not counted); Beijing W 4, G 7
  (S in Hangzhou 04-01…06-30 only counts in Q2; W opening 10-01 and an uncoded one never.)
Seekers (wish made by the quarter's end and looking for work on some day of it):
  Hangzhou W: p1, p2 (unemployed until 07-15), p6, p13 (two identical wishes) = 4 —
    not p3 (found a job 06-30); S: p4 (on the ledger until 07-01) = 1 — not p5 (from 10-01);
    C: p6, p8, p9 = 3 — not p7 (wish made 10-05), not p10 (employed)
  Ningbo W: p11 (unemployed and on the ledger: once) = 1; S: p15 = 1; Beijing G: p12 = 1
Cells: HZ W 15/4 gap 11 ratio 3.75; HZ S 8/1 gap 7 ratio 8; HZ C 2/3 gap −1; NB W 6/1 gap 5;
  NB S 0/1 gap −1; BJ W 4/0 gap 4 ratio null; BJ G 7/1 gap 6 ratio 7.
City top: HZ 1 W, 2 S; NB 1 W; BJ 1 G, 2 W.
National: W in 3 cities, total gap 20, weight 60, demand 25, seekers 5, ratio 5 → 1;
  S 1 city gap 7 weight 7 → 2; G 1 city gap 6 weight 6 → 3.
Q2 for movement: HZ S demand 20, seekers 1 (p4) gap 19 → HZ 1 and national 1; HZ W demand 5,
  seekers 5 (p1 p2 p3 p6 p13) gap 0 → not ranked. So in Q3 S falls 1 → 2 (change −1), W and G
  are new.

Salary, 2026Q3: hires 2025-10-01 … 2026-09-30 at 12 × monthly pay, survey years 2025 and 2026:
  HZ W skill 3 industry C: hires 5000…9000 → 60000 72000 84000 96000 108000 and survey 65000
    70000 75000 80000 90000 → n 10: P10 60000 (rank 1) P25 70000 (3) P50 75000 (5)
    P75 90000 (8) P90 96000 (9). (A hire of 2025-09-30 and a 2024 survey row are outside.)
  NB S skill not stated industry I: survey 100000 120000 150000 → n 3 (suppressed: < 10)
  BJ G skill 4 industry D: survey 50000 … 61000 by 1000 → n 12: P10 51000 (rank 2) P25 52000 (3)
    P50 55000 (6) P75 58000 (9) P90 60000 (11)
  All 25: P10 52000 (rank 3) P25 56000 (7) P50 61000 (13) P75 84000 (19) P90 108000 (23)
"""

import datetime
from decimal import Decimal

AS_OF = datetime.date(2026, 10, 15)
HANGZHOU, NINGBO, BEIJING = "330100", "330200", "110100"
W, S, C, G = "6-18-02-04", "2-02-10-03", "4-01-02-04", "2-02-27-05"
MINIMUM_WAGES = {HANGZHOU: Decimal("2490"), BEIJING: Decimal("2540")}
D = datetime.date


def province(city: str) -> str:
    return city[:2] + "0000"


def vacancy(number, occupation, city, headcount, opens, closes, status="published"):
    return {
        "vacancy_id": number, "occupation_code": occupation, "region_code": city,
        "city_code": city, "province_code": province(city), "industry": "C",
        "skill_level": None, "headcount": headcount, "pay_min": Decimal("4000"),
        "pay_max": Decimal("6000"), "opens_on": opens, "closes_on": closes, "status": status,
    }  # fmt: skip


def vacancies() -> list[dict]:
    q3 = (D(2026, 7, 1), D(2026, 9, 30))
    return [
        vacancy(1, W, HANGZHOU, 10, *q3),
        vacancy(2, W, HANGZHOU, 5, D(2026, 6, 1), D(2026, 7, 15), status="closed"),
        vacancy(3, S, HANGZHOU, 8, D(2026, 8, 1), D(2026, 12, 31)),
        vacancy(4, C, HANGZHOU, 2, *q3),
        vacancy(5, W, NINGBO, 6, *q3),
        vacancy(6, S, NINGBO, 3, *q3, status="pending"),
        vacancy(7, C, NINGBO, 4, *q3, status="rejected"),
        vacancy(8, W, BEIJING, 4, *q3),
        vacancy(9, G, BEIJING, 7, *q3),
        vacancy(10, S, HANGZHOU, 20, D(2026, 4, 1), D(2026, 6, 30)),
        vacancy(11, W, HANGZHOU, 9, D(2026, 10, 1), D(2026, 10, 31)),
        vacancy(12, "", HANGZHOU, 50, *q3),
    ]


# person: ([(occupation, city, wish made on)], [(status, since)], [(entered, exited)])
PEOPLE = {
    1: ([(W, HANGZHOU, D(2026, 1, 10))], [("unemployed", D(2026, 2, 1))], []),
    2: ([(W, HANGZHOU, D(2026, 1, 10))],
        [("unemployed", D(2026, 3, 1)), ("employed", D(2026, 7, 15))], []),
    3: ([(W, HANGZHOU, D(2026, 1, 10))],
        [("unemployed", D(2026, 3, 1)), ("employed", D(2026, 6, 30))], []),
    4: ([(S, HANGZHOU, D(2026, 1, 10))], [], [(D(2026, 5, 1), D(2026, 7, 1))]),
    5: ([(S, HANGZHOU, D(2026, 1, 10))], [], [(D(2026, 10, 1), None)]),
    6: ([(C, HANGZHOU, D(2026, 1, 10)), (W, HANGZHOU, D(2026, 1, 10))],
        [("unemployed", D(2026, 1, 1))], []),
    7: ([(C, HANGZHOU, D(2026, 10, 5))], [("unemployed", D(2026, 1, 1))], []),
    8: ([(C, HANGZHOU, D(2026, 1, 10))], [("unemployed", D(2026, 1, 1))], []),
    9: ([(C, HANGZHOU, D(2026, 1, 10))], [("unemployed", D(2026, 1, 1))], []),
    10: ([(C, HANGZHOU, D(2026, 1, 10))], [("employed", D(2025, 1, 1))], []),
    11: ([(W, NINGBO, D(2026, 1, 10))], [("unemployed", D(2026, 7, 1))],
         [(D(2026, 7, 1), None)]),
    12: ([(G, BEIJING, D(2026, 1, 10))], [("unemployed", D(2026, 8, 1))], []),
    13: ([(W, HANGZHOU, D(2026, 1, 10)), (W, HANGZHOU, D(2026, 2, 10))],
         [("unemployed", D(2026, 1, 1))], []),
    15: ([(S, NINGBO, D(2026, 1, 10))], [("unemployed", D(2026, 1, 1))], []),
}  # fmt: skip


def people_tables() -> dict[str, list[dict]]:
    wishes, changes, stays = [], [], []
    for person, (wished, statuses, ledger) in PEOPLE.items():
        for occupation, city, made in wished:
            wishes.append({
                "wish_id": len(wishes) + 1, "person_id": person, "occupation_code": occupation,
                "city_code": city, "province_code": province(city), "created_on": made,
            })  # fmt: skip
        for status, since in statuses:
            changes.append({
                "change_id": len(changes) + 1, "person_id": person,
                "province_code": province(wished[0][1]), "status": status, "since": since,
            })  # fmt: skip
        for entered, exited in ledger:
            stays.append({
                "entry_id": len(stays) + 1, "person_id": person,
                "province_code": province(wished[0][1]), "entered_on": entered,
                "exited_on": exited,
            })  # fmt: skip
    return {"job_wishes": wishes, "status_changes": changes, "ledger_entries": stays}


def hire(number, monthly, hired_on):
    return {
        "application_id": number, "occupation_code": W, "city_code": HANGZHOU,
        "province_code": "330000", "industry": "C", "skill_level": 3, "hired_on": hired_on,
        "monthly_pay": Decimal(monthly),
    }  # fmt: skip


def survey(number, year, occupation, city, industry, level, pay):
    return {
        "row_id": number, "survey_year": year, "employer_credit_code": "91330106MA0000001X",
        "industry": industry, "city_code": city, "province_code": province(city),
        "occupation_code": occupation, "skill_level": level, "annual_pay": Decimal(pay),
    }  # fmt: skip


def pay_tables() -> dict[str, list[dict]]:
    hires = [hire(i, 5000 + 1000 * i, D(2026, 8, 1)) for i in range(5)]
    hires.append(hire(99, 99999, D(2025, 9, 30)))
    rows = [survey(i, 2026, W, HANGZHOU, "C", 3, pay)
            for i, pay in enumerate((65000, 70000, 75000, 80000, 90000))]  # fmt: skip
    rows.append(survey(10, 2024, W, HANGZHOU, "C", 3, 1_000_000))
    rows += [survey(20 + i, 2025, S, NINGBO, "I", None, pay)
             for i, pay in enumerate((100000, 120000, 150000))]  # fmt: skip
    rows += [survey(30 + i, 2026, G, BEIJING, "D", 4, 50000 + 1000 * i) for i in range(12)]
    return {"hires": hires, "wage_survey": rows}


def occupations() -> list[dict]:
    return [
        {"code": W, "level": 4, "name": "焊工", "digital": False, "green": False},
        {"code": S, "level": 4, "name": "软件工程技术人员", "digital": True, "green": False},
        {"code": C, "level": 4, "name": "收银员", "digital": False, "green": False},
        {"code": G, "level": 4, "name": "碳排放管理员", "digital": False, "green": True},
    ]


def scenario_rows() -> dict[str, list[dict]]:
    return {
        "vacancies": vacancies(),
        **people_tables(),
        **pay_tables(),
        "occupations": occupations(),
    }
