"""Tests for qianyue.readers: formats, dates, encodings, cleaning and every kind of input error."""
from __future__ import annotations

import csv
import gzip
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qianyue.errors import ConfigError, InputError
from qianyue.readers import Article, decode_bytes, parse_article, parse_published, read_article

SEEDS = Path("/work/shared/seeds")
GENRE = Path("/work/shared/genre")

BODY = "省政府与某集团签署战略合作框架协议。"

JEKYLL = """---
layout: post
title: "某省政府与某集团签署战略合作框架协议"
date: 2022-06-16 00:02:13 +0800
categories: news
---
<p style="display:none;height:1px;overflow:hidden;"><br /></p><!-- EM_StockImg_Start --><p style="text-align:center;">\
<a href="http://quote.example.com/r/1.600050" class="EmImageRemark" target="_blank">\
<img src="k.png" alt="K图 600050_0" /></a></p><!-- EM_StockImg_End --><p>6月15日，省政府与某集团签署协议。<br /></p> <p>副省长甲与总经理乙代表双方签约。</p>\
<p class="em_media">（文章来源：某报）</p>

<http://example.com/html_News/NewsShare.html?infoCode=NW1>

[返回某报新闻](//example.com/category/x.html)｜[返回首页](//example.com/)
"""


def lines_of(article: Article) -> list[str]:
    return article.text.split("\n")


# ---------------------------------------------------------------------------------------------- markdown


def test_jekyll_markdown_with_html_body():
    a = parse_article(JEKYLL, source="seed.md")
    assert a.title == "某省政府与某集团签署战略合作框架协议"
    assert a.published == "2022-06-16"  # as written, not moved to UTC (2022-06-15)
    assert a.source == "seed.md"
    assert lines_of(a) == ["某省政府与某集团签署战略合作框架协议", "6月15日，省政府与某集团签署协议。",
                           "副省长甲与总经理乙代表双方签约。", "（文章来源：某报）"]


def test_stock_widget_and_links_leave_no_trace():
    text = parse_article(JEKYLL).text
    for junk in ("K图", "600050", "http", "返回", "[", "<", "EM_"):
        assert junk not in text


def test_front_matter_datetime_with_colon_offset_is_not_converted():
    # The YAML safe loader would turn this into a UTC datetime on the previous day.
    src = '---\ntitle: 标题\ndate: 2022-06-16 00:02:13 +08:00\n---\n正文第一段。\n'
    assert parse_article(src).published == "2022-06-16"


def test_front_matter_without_closing_marker_keeps_fields_and_body():
    src = "---\ntitle: 某市与某公司签约\ndate: 2021-03-04\n某市与某公司签署合作协议。\n双方将深化合作。\n"
    a = parse_article(src, source="broken.md")
    assert a.title == "某市与某公司签约"
    assert a.published == "2021-03-04"
    assert lines_of(a) == ["某市与某公司签约", "某市与某公司签署合作协议。", "双方将深化合作。"]


def test_unparsable_yaml_front_matter_falls_back_to_key_value_lines():
    src = '---\ntitle: 签约: 某县与某企业 [合作\ndate: 2020-07-22 10:00:00 +0800\ntags: [unclosed\n---\n正文。\n'
    a = parse_article(src, source="bad.md")
    assert a.title == "签约: 某县与某企业 [合作"
    assert a.published == "2020-07-22"
    assert a.text.endswith("正文。")


@pytest.mark.parametrize("header", ["title: " + "[" * 5000, "- a list\n- not a mapping", "just a string"])
def test_front_matter_that_is_not_a_mapping_does_not_crash(header):
    a = parse_article(f"---\n{header}\n---\n正文。\n", source="odd.md")
    assert a.text.endswith("正文。") and a.published is None


def test_plain_markdown_heading_links_and_emphasis():
    src = ("# 某区与某银行签署合作协议\n\n发布时间：2019年12月18日\n\n某区与**某银行**签署[战略合作协议](http://x.cn/a)。"
           "\n\n![图片](a.png)\n\n- 第一项合作\n\n---\n\n[返回首页](//x.cn/)\n")
    a = parse_article(src)
    assert a.title == "某区与某银行签署合作协议"
    assert a.published == "2019-12-18"
    assert lines_of(a) == ["某区与某银行签署合作协议", "发布时间：2019年12月18日", "某区与某银行签署战略合作协议。",
                           "第一项合作"]


# ---------------------------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="PubDate" content="2023-11-28 09:10">
<title>某市与某大学签署合作协议_某某网</title><style>p{color:red}</style>
<script>var x = "脚本文字";</script></head>
<body><nav>首页 | 新闻</nav><header>网站头部</header>
<h1>某市与某大学签署合作协议</h1>
<!-- 注释文字 -->
<div class="content">
<p>11月24日，某市人民政府与某大学
   签署全面战略合作协议&nbsp;&amp;&lt;备忘录&gt;。</p>
<p style="display: none">隐藏的段落</p><div hidden>也是隐藏</div><span style="VISIBILITY:hidden">看不见</span>
<img src="a.jpg" alt="图片说明"><noscript>请启用脚本</noscript><iframe src="x">框架</iframe>
<ul><li>第一条</li><li>第二条</li></ul>甲<br>乙
<form><button>提交</button><input value="输入"></form>
</div><footer>版权所有</footer></body></html>"""


def test_html_visible_text_only():
    a = parse_article(PAGE, source="page.html")
    assert lines_of(a) == ["某市与某大学签署合作协议", "11月24日，某市人民政府与某大学 签署全面战略合作协议 &<备忘录>。",
                           "第一条", "第二条", "甲", "乙"]
    for junk in ("脚本", "首页", "网站头部", "注释", "隐藏", "看不见", "图片", "请启用", "框架", "提交", "输入",
                 "版权", "color"):
        assert junk not in a.text


def test_html_title_and_meta_date():
    a = parse_article(PAGE)
    assert a.title == "某市与某大学签署合作协议"
    assert a.published == "2023-11-28"


def test_html_title_tag_without_h1_loses_site_name():
    page = "<html><head><title>某省与某公司签约 - 某某新闻网</title></head><body><p>正文一。</p><p>正文二。</p></body></html>"
    a = parse_article(page)
    assert a.title == "某省与某公司签约"
    assert lines_of(a) == ["某省与某公司签约", "正文一。", "正文二。"]


def test_html_dateline_in_body_and_stock_widget():
    page = ('<div><p>某县与某集团签约</p><p>2020-11-23 10:00 来源：某网</p>'
            '<!-- EM_StockImg_Start --><p><a class="EmImageRemark" href="q">行情</a></p><!-- EM_StockImg_End -->'
            '<p><a class="EmImageRemark" href="q">股票图</a>正文。</p></div>')
    a = parse_article(page, fmt="html")
    assert a.published == "2020-11-23"
    assert "行情" not in a.text and "股票图" not in a.text
    assert a.text.endswith("正文。")


def test_html_table_cells_and_pre():
    page = "<table><tr><td>项目</td><td>金额</td></tr><tr><td>甲</td><td>5亿元</td></tr></table><pre>一\n二</pre>"
    assert lines_of(parse_article(page, fmt="html")) == ["项目 金额", "甲 5亿元", "一", "二"]


def test_html_with_no_visible_text_is_an_error():
    with pytest.raises(InputError, match=r"^empty\.html: no article text"):
        parse_article("<html><script>x()</script><p hidden>隐藏</p></html>", source="empty.html")


def test_deeply_nested_html_does_not_recurse():
    page = "<div>" * 5000 + "深处的文字。" + "</div>" * 5000
    assert parse_article(page, fmt="html").text == "深处的文字。"


def test_many_unterminated_tags_are_text_and_parse_fast():
    # html.parser is quadratic on unterminated tags; 30,000 of them took minutes before they were escaped.
    page = "<p>正文。</p><!-- 注释 <b>旧</b> -->" + "<a href='" * 30_000
    t0 = time.monotonic()
    a = parse_article(page, fmt="html")
    assert time.monotonic() - t0 < 30
    assert lines_of(a)[0] == "正文。" and "注释" not in a.text and "<a href='" in a.text


def test_a_few_stray_brackets_keep_browser_semantics():
    a = parse_article("<p>正文</p><p>甲<乙</p><!-- 注释 -->", fmt="html")
    assert lines_of(a) == ["正文", "甲<乙"]


# ---------------------------------------------------------------------------------------------- plain text


@pytest.mark.parametrize("header, iso", [
    ("2012-11-28 09:27  来源:某网", "2012-11-28"),
    ("07.09.2015  17:01", "2015-09-07"),
    ("28.08.2015  06:24", "2015-08-28"),
    ("2022年6月14日", "2022-06-14"),
    ("发布日期: 2023-09-16", "2023-09-16"),
    ("发布时间：2023年9月16日 10:30", "2023-09-16"),
    ("2022/6/14", "2022-06-14"),
    ("来源：某报  作者：记者甲  2021-12-29", "2021-12-29"),
    ("２０２２年６月１４日", "2022-06-14"),
])
def test_plain_text_date_headers(header, iso):
    a = parse_article(f"某市与某公司签署战略合作协议\n{header}\n正文第一段。\n")
    assert a.published == iso
    assert a.title == "某市与某公司签署战略合作协议"


def test_sentence_starting_with_a_date_is_not_a_dateline():
    a = parse_article("某恳谈会召开\n2021年2月25日下午,某恳谈会在某市召开。\n会上签约4个项目。\n")
    assert a.published is None


def test_dateline_after_eight_lines_is_ignored():
    lines = ["标题"] + [f"第{i}段正文。" for i in range(8)] + ["2022-06-14"]
    assert parse_article("\n".join(lines)).published is None


def test_plain_text_keeps_lines_strips_and_drops_blank_lines():
    src = "\ufeff标题行\r\n\r\n    第一段\u3000 正文  两个空格。  \r\n\xa0\n\t第二段\xa0正文。\r最后一段。"
    a = parse_article(src)
    assert a.text == "标题行\n第一段\u3000 正文  两个空格。\n第二段 正文。\n最后一段。"
    assert "\r" not in a.text and "\xa0" not in a.text


def test_plain_text_no_nfkc():
    a = parse_article("标题\n全角（括号）和ＡＢＣ，１２３。\n")
    assert "全角（括号）和ＡＢＣ，１２３。" in a.text


def test_breadcrumb_line_is_skipped_for_the_title_but_kept_in_text():
    a = parse_article("您现在的位置 首页 > 新闻 > 正文\n某省与某集团签署合作协议\n2012-11-28 09:27\n正文。\n")
    assert a.title == "某省与某集团签署合作协议"
    assert a.published == "2012-11-28"
    assert a.text.startswith("您现在的位置")


def test_first_line_that_is_a_sentence_is_not_a_title():
    a = parse_article("3月1日，某市与某公司签署合作协议。双方将深化合作。\n第二段。\n")
    assert a.title is None


def test_text_without_cjk_still_parses():
    a = parse_article(b"Just some English text.\nSecond line.\n", source="en.txt")
    assert a.text == "Just some English text.\nSecond line."


def test_html_tag_names_in_plain_prose_stay_text():
    a = parse_article("标题\n价格 a<b 且 c>d。\n")
    assert "a<b 且 c>d" in a.text


# ---------------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize("value, iso", [
    ("2022-06-14", "2022-06-14"),
    ("2022/6/14", "2022-06-14"),
    ("2022.6.14", "2022-06-14"),
    ("20220614", "2022-06-14"),
    (" 2022-06-16 00:02:13 +0800 ", "2022-06-16"),
    ("2022-06-16T23:59:59-05:00", "2022-06-16"),
    ("2022-06-16T00:02:13Z", "2022-06-16"),
    ("2022年6月14日", "2022-06-14"),
    ("2022年06月14日 星期二 10:20", "2022-06-14"),
    ("二〇二二年六月十四日", "2022-06-14"),
    ("2015年十二月三十一日", "2015-12-31"),
    ("07.09.2015 17:01", "2015-09-07"),
    ("07-09-2015", "2015-09-07"),
    ("13/07/2015", "2015-07-13"),
    ("07/13/2015", "2015-07-13"),
    ("发布日期：2023-09-16", "2023-09-16"),
])
def test_parse_published_forms(value, iso):
    assert parse_published(value) == iso


@pytest.mark.parametrize("value", ["", "昨天", "2022", "2022-06", "2022-02-30", "2022-13-01", "06/07/2015",
                                   "2022-06-14 某某", "1850-01-01", "9月3日"])
def test_parse_published_rejects(value):
    assert parse_published(value) is None


def test_published_override_wins_and_is_normalised():
    assert parse_article(JEKYLL, published="2023年1月2日").published == "2023-01-02"
    assert parse_article("标题\n正文。", published="2021/3/4").published == "2021-03-04"


def test_bad_published_override_is_an_input_error():
    with pytest.raises(InputError, match=r"^a\.txt: cannot read the publication date"):
        parse_article("标题\n正文。", source="a.txt", published="next tuesday")


# ---------------------------------------------------------------------------------------------- encodings

ARTICLE = "某市与某公司签署合作协议\n2022年6月14日\n双方代表签约。\n"


@pytest.mark.parametrize("data", [
    ARTICLE.encode("utf-8"),
    b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
    ARTICLE.encode("utf-16"),                        # BOM + native order
    b"\xff\xfe" + ARTICLE.encode("utf-16-le"),
    b"\xfe\xff" + ARTICLE.encode("utf-16-be"),
    ARTICLE.encode("utf-32"),
    ARTICLE.encode("gb18030"),
    ARTICLE.encode("gbk"),
], ids=["utf8", "utf8-bom", "utf16", "utf16-le", "utf16-be", "utf32", "gb18030", "gbk"])
def test_encodings(data):
    a = parse_article(data, source="enc.txt")
    assert a.text == ARTICLE.strip()
    assert a.published == "2022-06-14"


def test_gb18030_four_byte_characters():
    text = "𠀀字与㐀字\n正文。"
    assert decode_bytes(text.encode("gb18030"), "x.txt") == text


def test_undecodable_bytes():
    data = "标题".encode("utf-8") + b"\x80\xff\xfe\x80" * 3
    with pytest.raises(InputError, match=r"^bad\.txt: cannot decode"):
        decode_bytes(data, "bad.txt")


def test_invalid_utf16_after_bom():
    with pytest.raises(InputError, match=r"^x\.txt: cannot decode"):
        decode_bytes(b"\xff\xfe\x00\xd8\x41", "x.txt")  # lone surrogate, odd length


# ---------------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (b"GIF89a\x01\x00\x01\x00", "GIF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (gzip.compress("标题\n正文".encode()), "gzip"),
    (b"text\x00with NUL", "NUL"),
])
def test_binary_input(data, kind):
    with pytest.raises(InputError) as exc:
        parse_article(data, source="f.bin")
    assert str(exc.value).startswith("f.bin: binary file (")
    assert kind in str(exc.value)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "  \n ", b"\xef\xbb\xbf  \n", "\u3000\xa0\n"])
def test_empty_input(data):
    with pytest.raises(InputError, match=r"^e\.txt: (empty file|no article text)"):
        parse_article(data, source="e.txt")


def test_read_article_roundtrip_and_source(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(ARTICLE.encode("gb18030"))
    a = read_article(p)
    assert a.source == str(p) and a.title == "某市与某公司签署合作协议" and a.published == "2022-06-14"
    assert read_article(str(p), published="2020-01-02").published == "2020-01-02"


def test_read_article_missing_file(tmp_path):
    p = tmp_path / "nope.txt"
    with pytest.raises(InputError, match=r"nope\.txt: no such file$"):
        read_article(p)


def test_read_article_directory(tmp_path):
    with pytest.raises(InputError, match=r": is a directory"):
        read_article(tmp_path)


def test_read_article_too_large(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("标题\n" + "正文。" * 100, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_article(p, max_bytes=100)
    msg = str(exc.value)
    assert msg.startswith(f"{p}: file is {p.stat().st_size:,} bytes, over the limit of 100 bytes")
    assert "max_bytes" in msg
    assert read_article(p, max_bytes=10_000).title == "标题"


def test_read_article_binary_file_names_file(tmp_path):
    p = tmp_path / "report.pdf"
    p.write_bytes(b"%PDF-1.4\n...")
    with pytest.raises(InputError, match=r"report\.pdf: binary file \(PDF\)"):
        read_article(p)


def test_error_messages_are_one_line():
    with pytest.raises(InputError) as exc:
        parse_article(b"", source="name\nwith newline.txt")
    assert "\n" not in str(exc.value)


def test_unknown_format_is_a_config_error():
    with pytest.raises(ConfigError):
        parse_article("正文", fmt="pdf")


def test_explicit_format_overrides_detection():
    src = "<p>第一段</p><p>第二段</p>"
    assert parse_article(src, fmt="text").text == src
    assert parse_article(src, fmt="html").text == "第一段\n第二段"
    assert parse_article(src).text == "第一段\n第二段"


# ---------------------------------------------------------------------------------------------- robustness

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([None, "markdown", "html", "text"]))
def test_random_bytes_give_article_or_input_error(data, fmt):
    try:
        a = parse_article(data, source="fuzz", fmt=fmt)
    except InputError as e:
        assert str(e).startswith("fuzz: ") and "\n" not in str(e)
    else:
        assert isinstance(a.text, str) and a.text and "\r" not in a.text


markupish = st.text(alphabet=st.sampled_from(list("<>/!-=\"' \n\r\tpdivbrh1---:#[]()&;amp签约协议2022年6月14日.\xa0"))
                    | st.characters(), max_size=300)


@FUZZ
@given(markupish, st.sampled_from([None, "markdown", "html", "text"]))
def test_random_text_gives_article_or_input_error(text, fmt):
    try:
        a = parse_article(text, source="fuzz", fmt=fmt)
    except InputError as e:
        assert str(e).startswith("fuzz: ") and "\n" not in str(e)
    else:
        assert isinstance(a.text, str) and a.text
        assert "\r" not in a.text and "\n\n" not in a.text
        assert all(line == line.strip() for line in a.text.split("\n"))
        assert a.published is None or parse_published(a.published) == a.published
        assert a.title is None or a.title in a.text.split("\n")


@FUZZ
@given(st.text(max_size=80), st.text(max_size=80))
def test_random_front_matter_values(title, body):
    src = f"---\ntitle: {json.dumps(title)}\ndate: {title}\n---\n{body}\n"
    try:
        a = parse_article(src, source="fm.md")
    except InputError as e:
        assert str(e).startswith("fm.md: ")
    else:
        assert "\r" not in a.text and "\n\n" not in a.text
        assert a.title is None or a.title in a.text.split("\n")


@FUZZ
@given(st.text(max_size=60))
def test_parse_published_never_raises(value):
    iso = parse_published(value)
    assert iso is None or (len(iso) == 10 and parse_published(iso) == iso)


# ---------------------------------------------------------------------------------------------- shared data


@pytest.mark.skipif(not (SEEDS / "expected.jsonl").exists(), reason="shared seeds not available")
def test_seed_articles():
    expected = {json.loads(line)["doc"]: json.loads(line) for line in
                (SEEDS / "expected.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    assert len(expected) == 5
    for doc, record in expected.items():
        a = read_article(SEEDS / f"{doc}.txt")
        assert a.published == record["published"], doc
        assert a.title and a.title in lines_of(a)[:2], doc
        for junk in ("<", "EM_StockImg", "K图", "返回首页", "http", "\r", "\n\n"):
            assert junk not in a.text, (doc, junk)


@pytest.mark.skipif(not (GENRE / "SOURCES.tsv").exists(), reason="shared genre articles not available")
def test_genre_articles_title_date_and_unchanged_text():
    with open(GENRE / "SOURCES.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert rows
    for row in rows:
        raw = (GENRE / row["file"]).read_text(encoding="utf-8")
        a = read_article(GENRE / row["file"])
        first, second = raw.split("\n")[:2]
        assert a.title == first, row["file"]
        # Offsets of genre annotations index the file text, so cleaning must not change these clean files.
        assert a.text == raw.strip("\n"), row["file"]
        if second.startswith("发布日期"):
            assert a.published == row["published"], row["file"]
