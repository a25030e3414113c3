"""What the title cleaner strips from a job-ad title and which phrases it keeps."""

import pytest

from minsheng.occupations.engine import TitleCleaner

PLACES = ["杭州", "杭州市", "滨江区", "西湖"]


@pytest.mark.parametrize(
    ("title", "phrase", "parts"),
    [
        # The longest place name wins where several start at the same character.
        ("杭州市滨江区销售代表", "销售代表", ("销售代表",)),
        ("杭州西湖店长（月薪8千）", "店长", ("店长",)),
        # Pay and shift wording with no digits at all.
        ("销售代表 底薪+提成", "销售代表", ("销售代表",)),
        ("保安 朝九晚五", "保安", ("保安",)),
        ("普工 两班倒", "普工", ("普工",)),
        # Employers before the job, with or without a recruiting verb.
        ("某某精密有限公司招聘焊工", "焊工", ("焊工",)),
        ("星辰商行店员", "店员", ("店员",)),
        ("招聘专员", "招聘专员", ("招聘专员",)),
        ("华东区销售经理", "销售经理", ("销售经理",)),
        ("客服(J11516)周末双休", "客服", ("客服",)),
        # A phrase is capped at 30 characters before it is judged to be Chinese.
        ("店员/" + "x" * 31 + "厨师", "店员", ("店员",)),
        # Repeated phrases are kept once as parts.
        ("普工/普工（普工）", "普工普工", ("普工",)),
    ],
)
def test_the_wrapping_around_the_job_is_stripped(
    title: str, phrase: str, parts: tuple[str, ...]
) -> None:
    cleaned = TitleCleaner(place_names=PLACES).clean(title)
    assert (cleaned.phrase, cleaned.parts) == (phrase, parts)
