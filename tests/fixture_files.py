# ruff: noqa: E501  (the page template reads best with its lines as a browser would get them)
"""Make report files of every format, encoding and kind of damage from plain text, at test time.

Nothing binary is checked in: each fixture is generated from the sample texts by the functions
here (the PDF by hand, as no CJK font is installed on a fresh machine: a Type0 font with the
Identity-H encoding needs no glyphs, and its ToUnicode map gives the text layer).
"""

from __future__ import annotations

import html
import io
import zipfile

import docx
from pypdf import PdfReader, PdfWriter


def web_page(
    text: str, *, charset: str = "utf-8", issuer: str = "某县司法局", date: str = "2024-01-20"
) -> bytes:
    """A government page with realistic chrome around the report: nav, 信息公开 box, share box, footer."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, body = lines[0], lines[1:]
    paragraphs = "\n".join(f'<p style="text-indent:2em">{html.escape(line)}</p>' for line in body)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title)}_政府信息公开_人民政府门户网站</title>
<meta name="SiteName" content="人民政府门户网站">
<meta name="ColumnName" content="法治政府建设">
<script>var _hmt = _hmt || []; /* 统计代码 */</script>
<style>.nav {{ color: #333 }}</style>
</head><body>
<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a>
<a href="/bsfw/">办事服务</a> <form><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="nav">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a>法治政府建设</a></div>
<table class="xxgk-info">
<tr><td>索引号：</td><td>11640221MB1234567X/2024-00012</td><td>主题分类：</td><td>综合政务</td></tr>
<tr><td>发布机构：</td><td>{html.escape(issuer)}</td><td>成文日期：</td><td>2024-01-18</td></tr>
<tr><td>名　　称：</td><td>{html.escape(title)}</td><td>发布日期：</td><td>{date}</td></tr>
</table>
<div class="article">
<h1 class="title">{html.escape(title)}</h1>
<div class="info">发布时间：{date} 10:21 来源：{html.escape(issuer)} 浏览次数：<span>1024</span> 【字体：大 中 小】</div>
<div class="TRS_Editor" id="zoom">
{paragraphs}
</div>
<div class="attachments">附件下载：<a href="/files/P020240120.pdf">{html.escape(title)}.pdf</a></div>
</div>
<div class="share">分享到：微信 微博 <span>扫一扫在手机打开当前页</span> 【打印本页】【关闭窗口】</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">2022年度报告</a></li><li><a href="/b">2021年度报告</a></li></ul></div>
<div class="footer">主办单位：人民政府办公室 承办：信息中心 网站标识码：6402210001 宁ICP备05001111号-1
宁公网安备 64022102000001号 地址：某县某路1号 联系电话：0952-1234567 <a href="/sitemap">网站地图</a></div>
</body></html>"""
    # characters the charset lacks (simplified chrome on a Big5 page) become &#...; as browsers send them
    return page.encode(_python_codec(charset), errors="xmlcharrefreplace")


def link_page(charset: str = "utf-8") -> bytes:
    """A column page: navigation and a list of links, no report text."""
    return (
        '<html><head><meta charset="utf-8"><title>法治政府建设_政府信息公开</title></head><body>'
        "<div class=nav><a href=/>首页</a> &gt; <a>法治政府建设</a></div>"
        "<ul><li><a href=/1>2023年度报告</a></li><li><a href=/2>2022年度报告</a></li></ul>"
        '<div>附件：<a href="/files/report.pdf">年度报告.pdf</a></div>'
        "<div class=footer>扫一扫 网站标识码6402210001</div></body></html>"
    ).encode(_python_codec(charset))


def word_document(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb(unpacked_bytes: int) -> bytes:
    """A .docx-looking zip whose document part unpacks to `unpacked_bytes` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked_bytes // len(chunk)):
                part.write(chunk)
    return buffer.getvalue()


def pdf_document(text: str, *, chars_per_line: int = 36, lines_per_page: int = 40) -> bytes:
    """A PDF whose text layer is `text`, printed like a report: lines wrapped at a fixed width."""
    printed: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        printed.extend(line[i : i + chars_per_line] for i in range(0, len(line), chars_per_line))
    pages = [printed[i : i + lines_per_page] for i in range(0, len(printed), lines_per_page)] or [[]]
    glyphs = {char: cid for cid, char in enumerate(sorted(set("".join(printed))), start=1)}

    def show(line: str) -> str:
        return "<" + "".join(f"{glyphs[c]:04X}" for c in line) + "> Tj"

    contents = []
    for page in pages:
        ops = ["BT", "/F1 12 Tf", "50 800 Td"]
        for index, line in enumerate(page):
            ops.append(show(line) if index == 0 else f"0 -18 Td {show(line)}")
        ops.append("ET")
        contents.append("\n".join(ops).encode("ascii"))
    return _pdf_objects(contents, _to_unicode(glyphs))


def image_only_pdf(pages: int = 2) -> bytes:
    """A scan: each page paints a (tiny, grey) image and holds no text."""
    image = b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x80\x80\x80\nendstream"
    content = b"q 500 0 0 700 50 50 cm /Im1 Do Q"
    return _pdf_objects([content] * pages, None, image)


def encrypted_pdf(text: str, password: str = "secret") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_document(text))))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _to_unicode(glyphs: dict[str, int]) -> bytes:
    entries = [f"<{cid:04X}> <{char.encode('utf-16-be').hex().upper()}>" for char, cid in glyphs.items()]
    blocks = []
    for i in range(0, len(entries), 100):
        chunk = entries[i : i + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    )
    return cmap.encode("ascii")


def _pdf_objects(contents: list[bytes], to_unicode: bytes | None, image: bytes | None = None) -> bytes:
    """Assemble catalog, pages, font (Type0/Identity-H + ToUnicode) and content streams, with an xref."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    pages_id = add(b"")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /FazhiTestSong /Flags 4 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    )
    cid_font = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /FazhiTestSong "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor %d 0 R /DW 1000 >>" % descriptor
    )
    font_entries = b"/DescendantFonts [%d 0 R]" % cid_font
    if to_unicode is not None:
        cmap = add(b"<< /Length %d >>\nstream\n" % len(to_unicode) + to_unicode + b"\nendstream")
        font_entries += b" /ToUnicode %d 0 R" % cmap
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /FazhiTestSong /Encoding /Identity-H "
        + font_entries
        + b" >>"
    )
    resources = b"<< /Font << /F1 %d 0 R >>" % font
    if image is not None:
        resources += b" /XObject << /Im1 %d 0 R >>" % add(image)
    resources += b" >>"
    kids = []
    for content in contents:
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources " % pages_id
                + resources
                + b" /Contents %d 0 R >>" % stream
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def _python_codec(charset: str) -> str:
    return {"gb2312": "gb18030", "gbk": "gb18030"}.get(charset.lower(), charset)
