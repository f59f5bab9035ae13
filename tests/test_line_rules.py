"""Line classes of the cleaner, one template pattern per case: what is removed (and as what),
what is kept as story. Lines are written to imitate each outlet's template, not copied from one page."""

from __future__ import annotations

import pytest

from gsomia_news.clean.lines import classify
from gsomia_news.clean.rules import rules_for

TITLE = "Seoul and Tokyo trade barbs over intelligence pact"
STORY = ("South Korea said on Friday it would keep the pact for now, officials said.",
         "The decision came hours before the deal was due to lapse at midnight.")



def removed_as(outlet: str, line: str, where: str = "after") -> str | None:
    """The class a line gets when placed before the story (header) or after it (trailer)."""
    lines = [TITLE, line, *STORY] if where == "header" else [TITLE, *STORY, line]
    result = classify(lines, rules_for(outlet))
    assert list(STORY) == [p for p in result.paragraphs if p in STORY], "story lost"
    hit = [r.cls for r in result.removed if r.text == line.strip() or line.strip().startswith(r.text)]
    return hit[0] if hit else None


@pytest.mark.parametrize(("outlet", "line", "where", "cls"), [
    ("korea-joongang-daily", "Home > National > Politics", "header", "breadcrumb"),
    ("korea-joongang-daily", "print dictionary print", "header", "print"),
    ("korea-joongang-daily", "BY KIM MIN-JI, PARK SEOL-HYE [park.seolhye@joongang.co.kr]", "after", "byline"),
    ("korea-joongang-daily", "Log in to Twitter or Facebook account to connect", "after", "end"),
    ("korea-joongang-daily", "Standards Board Policy (0/250자)", "header", "comment"),
    ("kbs-world", "Menu Content", "header", "menu"),
    ("kbs-world", "Go Top", "header", "menu"),
    ("kbs-world", "Write: 2019-08-23 10:02:11Update: 2019-08-23 11:40:05", "header", "stamp"),
    ("kbs-world", "입력 2019.11.26 (15:13) 수정 2019.11.26 (16:02)", "header", "stamp"),
    ("kbs-world", "Photo : YONHAP News", "header", "credit"),
    ("kbs-world", "[Photo : KBS News]", "header", "credit"),
    ("kbs-world", "Lee Jae-won, KBS World Radio News.", "after", "byline"),
    ("kbs-world", "Related News", "after", "end"),
    ("kbs-world", "This website uses cookies and other technology to enhance quality of service.", "header", "cookie"),
    ("korea-times", "Settings", "header", "font"),
    ("korea-times", "ⓕ font-size", "header", "font"),
    ("korea-times", "• +2", "header", "font"),
    ("korea-times", "• Kakao share button", "header", "share"),
    ("korea-times", "By Kang Seung-woo", "header", "byline"),
    ("korea-times", "Kang Seung-woo ksw@koreatimes.co.kr", "after", "byline"),
    ("korea-times", "Top 10 Stories", "after", "end"),
    ("korea-times", "go top LETTER", "after", "menu"),
    ("donga", "Go to contents", "header", "menu"),
    ("donga", "Posted November. 22, 2019 07:30,", "header", "stamp"),
    ("donga", "Jae-Young Kim redkim@donga.com", "after", "byline"),
    ("generic", "Share on Facebook", "header", "share"),
    ("generic", "SHARE", "header", "share"),
    ("generic", "Most Viewed", "after", "end"),
    ("generic", "More in Politics", "after", "end"),
    ("generic", "(END)", "after", "end"),
    ("generic", "KEYWORDS", "after", "end"),
    ("generic", "mjsong@yna.co.kr", "after", "byline"),
    ("generic", "Staff Writer", "header", "byline"),
    ("generic", "We use cookies to personalise content and ads.", "header", "cookie"),
    ("generic", "Copyright (c) Example News Co., Ltd. All rights reserved.", "after", "end"),
])
def test_furniture_line_is_removed_as(outlet: str, line: str, where: str, cls: str) -> None:
    assert removed_as(outlet, line, where) == cls


@pytest.mark.parametrize("outlet", ["korea-joongang-daily", "kbs-world", "korea-times", "donga", "generic"])
@pytest.mark.parametrize("line", [
    "By contrast, Tokyo said the export curbs were a separate matter.",
    "Related to the dispute, the ministry said it would file a complaint with the WTO.",
    "Photo opportunities were limited, a presidential official said.",
    "\"We will respond calmly,\" the minister told reporters, adding that talks would continue.",
    "North Korea has more than 20 short-range missiles of that kind, the military said.",
    "Home to 28,500 U.S. troops, South Korea is a key ally of Washington.",
])
def test_story_lines_that_look_like_furniture_are_kept(outlet: str, line: str) -> None:
    result = classify([TITLE, STORY[0], line, STORY[1]], rules_for(outlet))
    assert result.paragraphs == [STORY[0], line, STORY[1]]


@pytest.mark.parametrize("caption", [
    "Kim You-geun speaks at Cheong Wa Dae in Seoul, Friday. Yonhap",
    "Kim Yu-geun announces the decision at the Blue House on Thursday. [YONHAP]",
    "Kim Yu-geun announces the decision at the Blue House on Thursday [NEWS1]",
    "Defense ministers pose for a photo in Bangkok, Sunday. AFP-Yonhap",
    "Foreign Minister Kang Kyung-wha arrives in Nagoya. Korea Times photo by Shim Hyun-chul",
    "Kim You-geun speaks at a news conference in Seoul on Friday. | KYODO",
])
def test_photo_captions_go_to_captions(caption: str) -> None:
    result = classify([TITLE, caption, caption, *STORY], rules_for("generic"))
    assert result.captions == [caption]
    assert result.paragraphs == list(STORY)


def test_truncated_capture_keeps_the_cut_text() -> None:
    cut = "Jeong told lawmakers the military would keep sharing information through the"
    result = classify([TITLE, *STORY, cut], rules_for("korea-times"))
    assert result.paragraphs == [*STORY, cut]


def test_everything_after_an_end_marker_is_removed() -> None:
    result = classify([TITLE, *STORY, "Related News", "Japan welcomes Seoul's decision on GSOMIA",
                       "US says alliance is stronger"], rules_for("kbs-world"))
    assert result.paragraphs == list(STORY)
    assert [r.cls for r in result.removed][-3:] == ["end", "after-end", "after-end"]


@pytest.mark.parametrize("line", ["About Us", "Contact Us", "Privacy Policy", "Terms of Service", "Subscribe Now", "RSS"])
def test_site_footer_links_are_removed(line: str) -> None:
    assert removed_as("generic", line, "after") == "menu"
