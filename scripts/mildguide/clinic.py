"""White-label clinic profiles (`extra.clinic` in a config that INHERITs mkdocs.yml).

`validate()` checks a profile and returns it normalised, or raises ClinicError with a message
naming the config file, line and field. `css()` writes the clinic's colours as Material's CSS
custom properties (and for embed pages). Helper hooks read the normalised profile from
`config.extra.clinic`: name, phone, booking_url (care cards use these), logo, primary,
accent, site_title, note, reviewer ({name, date}: the clinician who reviewed the guide for
the clinic; pages then say "Reviewed for <clinic> by <name>, <date>") and report_url (where
"Report a problem with this page" points: https:// or mailto:, or false to hide the link),
logo_on_primary (a version of the logo for the brand-coloured header; without it the build
checks the logo's colours against the header), repo_url and edit_uri (the clinic's own
repository for the "Edit this page" pencil; a clinic copy without repo_url has no pencil),
name_es, site_title_es, note_es (the Spanish edition's; without them it shows the English
value marked lang="en": `text_in()`) and embed_page (false: no Embed page in nav or sitemap).

The example clinic (mkdocs.clinic-example.yml) is fiction, and that file is the one place its
values live: any other config that still carries one of them (by INHERIT, or copied) stops
the build (`_fictional_leftovers`), so no clinic publishes a made-up review or phone number.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

TEXT_FIELDS = ("name", "site_title", "note")          # each may have a Spanish version, FIELD_es
FIELDS = ("name", "phone", "booking_url", "logo", "logo_on_primary", "primary", "accent", "site_title",
          "note", "reviewer", "report_url", "repo_url", "edit_uri", "embed_page",
          *(f"{f}_es" for f in TEXT_FIELDS))
EXAMPLE = "mkdocs.clinic-example.yml"     # the fictional example clinic: its values may not leak
NOT_FICTION = ("primary", "accent", "embed_page")   # colours and switches claim nothing
URL_UNSAFE = re.compile(r"[\s\"'<>`]")
DEFAULT_HEADER = "#4051b5"     # Material's indigo: the header colour when `primary` is not set
LOGO_CONTRAST = 3.0            # WCAG 1.4.11, non-text contrast: a logo must stand out from the header
PHONE = re.compile(r"(?P<number>\+?[0-9()./ -]{3,}?)\s*(?:(?:ext\.?|extension|x)\s*(?P<ext>[0-9]{1,6}))?",
                   re.IGNORECASE)
WCAG_AA = 4.5
WHITE = "#ffffff"
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")


class ClinicError(ValueError):
    pass


def _where(config_file: str | None, field: str | None) -> str:
    """`file:LINE: extra.clinic.FIELD` (the line of the field in the file, when found)."""
    name = os.path.relpath(config_file) if config_file else "mkdocs.yml"
    line = None
    if config_file and Path(config_file).is_file():
        lines = Path(config_file).read_text(encoding="utf-8").splitlines()
        in_clinic = False
        for number, text in enumerate(lines, 1):
            if re.match(r"^\s*clinic\s*:", text):
                in_clinic, line = True, number
                continue
            if in_clinic and field and re.match(rf"^\s+{re.escape(field)}\s*:", text):
                line = number
                break
    at = f"{name}:{line}" if line else name
    return f"{at}: extra.clinic" + (f".{field}" if field else "")


def _color_class():
    """coloraide, imported only when a clinic profile has colours (the neutral build skips it)."""
    from coloraide import Color
    return Color


def contrast(foreground: str, background: str) -> float:
    Color = _color_class()
    return Color(foreground).contrast(Color(background), method="wcag21")


def _colour(profile: dict, field: str, where) -> str | None:
    value = profile.get(field)
    if value is None:
        return None
    try:
        colour = _color_class()(str(value))
    except (ValueError, TypeError):
        raise ClinicError(f"{where(field)}: '{value}' is not a colour (use a CSS colour such as "
                          f"'#0b5d4b')") from None
    if colour.alpha() < 1:
        raise ClinicError(f"{where(field)}: '{value}' is see-through; use an opaque colour")
    return colour.convert("srgb").to_string(hex=True)


def validate(profile, config_file: str | None, docs_dir: str) -> dict:
    """Check `extra.clinic`; return {} for the neutral guide, else the normalised profile."""
    def where(field=None):
        return _where(config_file, field)

    if profile in (None, {}):
        return {}
    if not isinstance(profile, dict):
        raise ClinicError(f"{where()}: must be a mapping of {', '.join(FIELDS)}")
    unknown = sorted(set(profile) - set(FIELDS))
    if unknown:
        raise ClinicError(f"{where(unknown[0])}: unknown field (known fields: {', '.join(FIELDS)})")
    out: dict = {}
    name = profile.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ClinicError(f"{where('name')}: missing: a clinic profile needs the clinic's name")
    out["name"] = name.strip()
    for field in ("phone", "site_title", "note", *(f"{f}_es" for f in TEXT_FIELDS)):
        if profile.get(field) is not None:
            if not str(profile[field]).strip():
                raise ClinicError(f"{where(field)}: is empty")
            out[field] = str(profile[field]).strip()
    if out.get("phone") and not PHONE.fullmatch(out["phone"]):
        raise ClinicError(f"{where('phone')}: '{out['phone']}' is not a phone number: use digits, spaces "
                          "and + ( ) - . /, optionally followed by an extension such as 'ext. 12'")
    for field in ("repo_url",):
        if profile.get(field) is not None:
            parts = urlsplit(str(profile[field]))
            # Material writes page.edit_url unescaped into href: no quotes or brackets.
            if parts.scheme != "https" or not parts.netloc or re.search(r"[\s\"'<>`]", str(profile[field])):
                raise ClinicError(f"{where(field)}: '{profile[field]}' must be an https:// address "
                                  "(your repository; leave it out to hide the \"Edit this page\" pencil)")
            out[field] = str(profile[field])
    if profile.get("edit_uri") is not None:
        if "repo_url" not in out:
            raise ClinicError(f"{where('edit_uri')}: needs repo_url (the repository it is a path in)")
        edit = str(profile["edit_uri"])
        if re.search(r"[\s\"'<>]", edit) or "://" in edit:
            raise ClinicError(f"{where('edit_uri')}: '{edit}' must be a path in the repository, "
                              "such as 'edit/main/docs/'")
        out["edit_uri"] = edit
    if "embed_page" in profile:
        if not isinstance(profile["embed_page"], bool):
            raise ClinicError(f"{where('embed_page')}: must be true or false")
        out["embed_page"] = profile["embed_page"]
    url = profile.get("booking_url")
    if url is not None:
        parts = urlsplit(str(url))
        if parts.scheme != "https" or not parts.netloc or URL_UNSAFE.search(str(url)):
            raise ClinicError(f"{where('booking_url')}: '{url}' must be an https:// address without "
                              "spaces, quotes or angle brackets (write a space as %20)")
        out["booking_url"] = str(url)
    if "reviewer" in profile:
        out["reviewer"] = _reviewer(profile["reviewer"], where)
    if "report_url" in profile:
        report = profile["report_url"]
        if report is False:
            out["report_url"] = False
        else:
            parts = urlsplit(str(report))
            ok = (parts.scheme == "https" and parts.netloc) or (parts.scheme == "mailto" and parts.path)
            if report is None or not ok or URL_UNSAFE.search(str(report)):
                raise ClinicError(f"{where('report_url')}: '{report}' must be an https:// or mailto: "
                                  "address without spaces, quotes or angle brackets (write a space "
                                  "as %20), or false to hide the link")
            out["report_url"] = str(report)
    for field in ("logo", "logo_on_primary"):
        logo = profile.get(field)
        if logo is None:
            continue
        path = Path(docs_dir) / str(logo)
        # Material writes the logo path unescaped into src: a plain file path only.
        if not re.fullmatch(r"[A-Za-z0-9_./-]+", str(logo)) or ".." in str(logo):
            raise ClinicError(f"{where(field)}: '{logo}' may hold only letters, digits and _ . / - "
                              "(rename the file)")
        if path.suffix.lower() not in LOGO_TYPES:
            raise ClinicError(f"{where(field)}: '{logo}' is not an image ({', '.join(LOGO_TYPES)})")
        if not path.is_file() or not os.access(path, os.R_OK):
            raise ClinicError(f"{where(field)}: cannot read '{logo}' (looked for {path}; "
                              f"the path is relative to the docs folder)")
        out[field] = str(logo).lstrip("/")
    for field in ("primary", "accent"):
        colour = _colour(profile, field, where)
        if colour is None:
            continue
        ratio = contrast(colour, WHITE)
        use = "white text on it (the header)" if field == "primary" else "it as link text on white"
        if ratio < WCAG_AA:
            raise ClinicError(f"{where(field)}: '{profile[field]}' fails WCAG AA contrast with {use}: "
                              f"{ratio:.2f}:1, at least {WCAG_AA}:1 is needed. Choose a darker colour.")
        out[field] = colour
    if out.get("logo") and not out.get("logo_on_primary"):
        _check_logo_on_header(Path(docs_dir) / out["logo"], out.get("primary") or DEFAULT_HEADER, where)
    _fictional_leftovers(profile, config_file)
    return out


def text_in(profile: dict, field: str, lang: str) -> tuple[str | None, str]:
    """(value, its language) of a text field for a page in `lang`: the Spanish version
    (`FIELD_es`) on a Spanish page when the clinic gave one, else the English value, which
    the caller marks lang="en" when it differs from the page's language."""
    if lang == "es" and profile.get(f"{field}_es"):
        return profile[f"{field}_es"], "es"
    return profile.get(field), "en"


_H1 = re.compile(r"(<h1\b[^>]*>)(.*?)(<a class=\"headerlink\"|</h1>)", re.S)


def brand_h1(html: str, title: str, title_lang: str | None = None) -> str:
    """The page's first <h1> with its text replaced by `title` (escaped; marked `lang` when
    it is in another language than the page); its id and permalink stay."""
    import html as _html
    text = _html.escape(title, quote=False)
    if title_lang:
        text = f'<span lang="{title_lang}">{text}</span>'
    return _H1.sub(lambda m: m.group(1) + text + m.group(3), html, count=1)


def _line_of(path: Path, field: str) -> int | None:
    """The line of `extra.clinic.FIELD` in the YAML file at `path` (None if not there)."""
    in_clinic = False
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.match(r"^\s*clinic\s*:", text):
            in_clinic = True
        elif in_clinic and re.match(rf"^\s+{re.escape(field)}\s*:", text):
            return number
    return None


def _fictional_leftovers(profile: dict, config_file: str | None) -> None:
    """Stop a clinic build whose profile still holds a value of the fictional example clinic
    (by INHERIT, which MkDocs deep-merges field by field, or by copying the file). Building
    the example itself is allowed: every page then says the clinic is made up."""
    if not config_file:
        return
    example = Path(config_file).resolve().parent / EXAMPLE
    if not example.is_file() or example == Path(config_file).resolve():
        return
    import yaml
    fiction = ((yaml.load(example.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {})
               .get("extra") or {}).get("clinic") or {}
    for field, made_up in fiction.items():
        if field in NOT_FICTION or field not in profile:
            continue
        value = profile[field]
        if isinstance(value, dict):
            value = {k: v.isoformat() if hasattr(v, "isoformat") else str(v) for k, v in value.items()}
        elif value is not False:
            value = str(value)
        if value != made_up:
            continue
        own = _line_of(Path(config_file), field)
        at = (f"{os.path.relpath(config_file)}:{own}" if own else
              f"{os.path.relpath(config_file)} (inherited from {EXAMPLE}:{_line_of(example, field)})")
        raise ClinicError(f"{at}: extra.clinic.{field}: {made_up!r} belongs to the fictional example "
                          f"clinic. Set your clinic's own {field}"
                          + (", or remove the line" if own else
                             f"; to start clean, INHERIT mkdocs.yml as mkdocs.clinic-template.yml does"))


def tel_uri(phone: str) -> str:
    """`tel:` address of a checked phone number. A 10-digit number (or 11 starting with 1) is a
    North American one and gets +1, as RFC 3966 asks of a global number; a shorter local
    number stays as written. An extension follows a `,` pause, the form phone dialers follow
    (many ignore RFC 3966's `;ext=`)."""
    match = PHONE.fullmatch(phone.strip())
    number, ext = (match["number"], match["ext"]) if match else (phone, None)
    digits = "".join(ch for ch in number if ch.isdigit())
    if number.strip().startswith("+"):
        digits = "+" + digits
    elif len(digits) == 10:
        digits = "+1" + digits
    elif len(digits) == 11 and digits.startswith("1"):
        digits = "+" + digits
    return f"tel:{digits}" + (f",{ext}" if ext else "")


SVG_COLOUR = re.compile(r"""(?:fill|stroke|stop-color|color)\s*[:=]\s*["']?\s*(#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)|[a-zA-Z]+)""")


def _check_logo_on_header(path: Path, header: str, where) -> None:
    """The logo sits on the header colour: at least one of its colours must stand out (3:1),
    or it vanishes. SVG colours are read from the file; a raster logo cannot be checked here,
    so it needs `logo_on_primary` (which may name the same file once someone has looked)."""
    if path.suffix.lower() != ".svg":
        raise ClinicError(f"{where('logo')}: the header is {header} and the build cannot check that a "
                          f"{path.suffix} logo shows on it. Add logo_on_primary: a version of the logo "
                          "that reads on that colour (it may be the same file if you have checked it)")
    Color = _color_class()
    colours = []
    for value in SVG_COLOUR.findall(path.read_text(encoding="utf-8", errors="replace")):
        if value.lower() in ("none", "currentcolor", "transparent", "inherit", "url"):
            continue
        try:
            colour = Color(value)
        except (ValueError, TypeError):
            continue
        if colour.alpha() > 0:
            colours.append(colour.convert("srgb").to_string(hex=True))
    if not colours:
        colours = ["#000000"]          # SVG's default fill
    best = max(contrast(c, header) for c in colours)
    if best < LOGO_CONTRAST:
        raise ClinicError(f"{where('logo')}: the logo would vanish on the header ({header}): its colours "
                          f"({', '.join(sorted(set(colours)))}) reach only {best:.2f}:1 contrast with it, "
                          f"at least {LOGO_CONTRAST:.0f}:1 is needed. Add logo_on_primary: a light version "
                          "of the logo for the header")


def _reviewer(value, where) -> dict:
    """{name, date} of the clinician who reviewed the guide for the clinic (date: YYYY-MM-DD, past)."""
    if not isinstance(value, dict) or set(value) - {"name", "date"}:
        raise ClinicError(f"{where('reviewer')}: must be {{name: \"Name, credentials\", date: YYYY-MM-DD}}")
    name = value.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ClinicError(f"{where('reviewer')}: needs 'name', the reviewing clinician")
    day = value.get("date")
    if isinstance(day, dt.datetime):
        day = day.date()
    if not isinstance(day, dt.date):
        try:
            day = dt.date.fromisoformat(str(day).strip())
        except ValueError:
            raise ClinicError(f"{where('reviewer')}: 'date' must be written YYYY-MM-DD, not {day!r}") from None
    if day > dt.date.today():
        raise ClinicError(f"{where('reviewer')}: 'date' {day.isoformat()} is in the future")
    return {"name": name.strip(), "date": day.isoformat()}


BOX_CSS = """.omg-clinic {
  display: flex; gap: .8em; align-items: center; margin: 0 0 1em; padding: .6em .9em;
  border: 2px solid var(--md-primary-fg-color); border-radius: 6px;
}
.omg-clinic p { margin: 0; }
.md-typeset .omg-clinic p { margin: 0; }
.omg-clinic__logo { flex: none; width: 48px; height: 48px; }
.omg-clinic__name { font-size: 1.05em; }"""


def css(profile: dict, source: str) -> str:
    """The clinic's colours as CSS custom properties, for site pages and embed pages."""
    lines = [f"/* Clinic colours from extra.clinic in {source}. Generated by the build: do not edit. */",
             BOX_CSS]
    primary, accent = profile.get("primary"), profile.get("accent")
    if primary:
        lines.append("body[data-md-color-primary], .omg-embed {\n"
                     f"  --md-primary-fg-color: {primary};\n"
                     f"  --md-primary-fg-color--light: {primary};\n"
                     f"  --md-primary-fg-color--dark: {primary};\n"
                     "  --md-primary-bg-color: #ffffff;\n"
                     "  --md-primary-bg-color--light: #ffffffb3;\n}")
    light = []
    if primary:
        light.append(f"  --md-typeset-a-color: {primary};")
    if accent:
        light += [f"  --md-accent-fg-color: {accent};",
                  f"  --md-accent-fg-color--transparent: {accent}1a;"]
    if light:
        body = "\n".join(light)
        lines.append(f'body[data-md-color-scheme="default"][data-md-color-primary] {{\n{body}\n}}')
        # Embeds: light by default (the snippet's ?theme=), so the clinic's colours apply
        # unless the theme is dark, or auto on a device in dark mode.
        lines.append(f':root:not([data-omg-theme="dark"]):not([data-omg-theme="auto"]) .omg-embed {{\n{body}\n}}')
        lines.append(f'@media (prefers-color-scheme: light) {{\n:root[data-omg-theme="auto"] .omg-embed {{\n{body}\n}}\n}}')
    return "\n".join(lines) + "\n"
