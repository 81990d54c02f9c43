"""The configuration values the post-build pass needs, from any generator.

`Settings.from_mkdocs(config)` takes a loaded MkDocs (or ProperDocs) config inside a hook;
`Settings.from_file("mkdocs.yml")` reads the YAML itself (INHERIT included), for generators
that run no MkDocs hooks (Zensical) and for the command line. Both give the same values, so
the pass has one code path. Pure: no MkDocs import.
"""
from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class _Loader(yaml.SafeLoader):
    """Safe YAML that tolerates MkDocs' tags (`!ENV`, `!!python/name:`): their values become None
    or the raw text; the pass needs none of them."""


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", _any_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def _merge(base: dict, child: dict) -> dict:
    """MkDocs' INHERIT merge: mappings merge recursively, anything else is replaced."""
    out = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_yaml_config(path: str | Path) -> dict:
    path = Path(path).resolve()
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    parent = data.pop("INHERIT", None)
    if parent:
        data = _merge(load_yaml_config(path.parent / parent), data)
    return data


def nav_entries(nav) -> list[tuple[str | None, str]]:
    """(title or None, src_uri) of every Markdown page in a nav, in order."""
    out: list[tuple[str | None, str]] = []

    def walk(item, title=None):
        if isinstance(item, str):
            if "://" not in item and item.endswith(".md"):
                out.append((title, posixpath.normpath(item.lstrip("/"))))
        elif isinstance(item, dict):
            for key, value in item.items():
                walk(value, str(key))
        elif isinstance(item, list):
            for sub in item:
                walk(sub)

    walk(nav)
    return out


def _ordered(langs: list[tuple[str, bool]]) -> list[str]:
    """Locales, the default one first; ["en"] when none is configured."""
    out = [lang for lang, default in langs if default] + [lang for lang, default in langs if not default]
    return out or ["en"]


def _mkdocs_languages(config) -> list[str]:
    plugin = config.plugins.get("i18n") if hasattr(config.plugins, "get") else None
    if plugin is None:
        return ["en"]
    return _ordered([(lang.locale, bool(lang.default)) for lang in plugin.config.languages
                     if lang.build and lang.locale != "null"])


def _yaml_languages(plugins) -> list[str]:
    """The same from the YAML `plugins:` list (`- i18n: {languages: [...]}`)."""
    for item in plugins or []:
        if isinstance(item, dict) and isinstance(item.get("i18n"), dict):
            langs = item["i18n"].get("languages") or []
            return _ordered([(str(lang.get("locale")), bool(lang.get("default"))) for lang in langs
                             if isinstance(lang, dict) and lang.get("build", True) and lang.get("locale") != "null"])
    return ["en"]


def _yaml_site_names(plugins) -> dict:
    for item in plugins or []:
        if isinstance(item, dict) and isinstance(item.get("i18n"), dict):
            return {str(lang.get("locale")): str(lang["site_name"]) for lang in item["i18n"].get("languages") or []
                    if isinstance(lang, dict) and lang.get("site_name")}
    return {}


@dataclass
class Settings:
    config_file: Path
    project_dir: Path
    docs_dir: Path
    site_dir: Path
    site_url: str = ""
    site_name: str = ""
    extra: dict = field(default_factory=dict)
    extra_css: list = field(default_factory=list)
    nav: list | None = None
    not_in_nav: object = ""        # gitignore-style lines, or MkDocs' already compiled spec
    use_directory_urls: bool = True
    strict: bool = False
    raw: dict = field(default_factory=dict)       # repo_url, edit_uri, extra … for the links registry
    clinic_validated: bool = False                 # the MkDocs clinic hook has checked extra.clinic
    # Languages built (mkdocs-static-i18n's `languages` with `build: true`), default first;
    # ["en"] without the plugin (Zensical: ARCHITECTURE.md "Spanish edition").
    languages: list = field(default_factory=lambda: ["en"])
    site_names: dict = field(default_factory=dict)   # a language's own site_name, when it sets one

    @classmethod
    def from_mkdocs(cls, config) -> "Settings":
        config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        # After mkdocs-static-i18n's Spanish build the config still holds the Spanish
        # overrides (site_name …): take the default language's values it saved.
        plugin = config.plugins.get("i18n") if hasattr(config.plugins, "get") else None
        original = dict(getattr(plugin, "original_configs", None) or {})
        site_names = {lang.locale: lang.site_name for lang in plugin.config.languages
                      if lang.site_name} if plugin is not None else {}
        return cls(
            config_file=config_file, project_dir=config_file.parent,
            docs_dir=Path(config.docs_dir), site_dir=Path(config.site_dir),
            site_url=config.site_url or "", site_name=original.get("site_name", config.site_name) or "",
            extra=dict(config.extra or {}), extra_css=[str(c) for c in config.extra_css],
            nav=config.nav, not_in_nav=config.not_in_nav or "",
            use_directory_urls=bool(config.use_directory_urls), strict=bool(config.strict),
            raw={"repo_url": config.repo_url, "edit_uri": config.edit_uri, "extra": config.extra},
            clinic_validated=True, languages=_mkdocs_languages(config), site_names=site_names,
        )

    @classmethod
    def from_file(cls, config_file: str | Path, site_dir: str | Path | None = None) -> "Settings":
        config_file = Path(config_file).resolve()
        data = load_yaml_config(config_file)
        project = config_file.parent
        site_url = str(data.get("site_url") or "")
        if site_url and not site_url.endswith("/"):
            site_url += "/"
        extra = dict(data.get("extra") or {})
        repo_url = data.get("repo_url")
        edit_uri = data.get("edit_uri")
        if repo_url and edit_uri is None and re.search(r"github\.com|gitlab\.com", str(repo_url)):
            edit_uri = "edit/master/docs/"
        return cls(
            config_file=config_file, project_dir=project,
            docs_dir=(project / str(data.get("docs_dir") or "docs")).resolve(),
            site_dir=Path(site_dir).resolve() if site_dir else (project / str(data.get("site_dir") or "site")).resolve(),
            site_url=site_url, site_name=str(data.get("site_name") or ""),
            extra=extra, extra_css=[str(c) for c in data.get("extra_css") or []],
            nav=data.get("nav"), not_in_nav=str(data.get("not_in_nav") or ""),
            use_directory_urls=bool(data.get("use_directory_urls", True)),
            strict=bool(data.get("strict", False)),
            raw={"repo_url": repo_url, "edit_uri": edit_uri, "extra": extra},
            languages=_yaml_languages(data.get("plugins")),
            site_names=_yaml_site_names(data.get("plugins")),
        )

    def site_name_in(self, lang: str) -> str:
        return self.site_names.get(lang) or self.site_name

    # -- pages ------------------------------------------------------------------------------
    def markdown_files(self) -> list[str]:
        """Every Markdown page under docs_dir (src_uri), sorted; dot-files and folders skipped."""
        out = []
        for dirpath, dirnames, filenames in os.walk(self.docs_dir):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            rel = os.path.relpath(dirpath, self.docs_dir).replace(os.sep, "/")
            for name in filenames:
                if name.endswith(".md") and not name.startswith("."):
                    out.append(name if rel == "." else f"{rel}/{name}")
        return sorted(out)

    def page_url(self, src_uri: str) -> str:
        """`faq.md` -> `faq/`; `index.md` -> ``; `sub/index.md` -> `sub/` (directory URLs)."""
        stem = src_uri[:-3]
        parent, _, name = stem.rpartition("/")
        if name in ("index", "README"):
            return f"{parent}/" if parent else ""
        if not self.use_directory_urls:
            return f"{stem}.html"
        return f"{stem}/"

    def dest_uri(self, src_uri: str) -> str:
        url = self.page_url(src_uri)
        return url if url.endswith(".html") else f"{url}index.html"

    def not_in_nav_match(self, src_uri: str) -> bool:
        if hasattr(self.not_in_nav, "match_file"):
            return bool(self.not_in_nav.match_file(src_uri))
        if not str(self.not_in_nav).strip():
            return False
        import pathspec
        spec = pathspec.GitIgnoreSpec.from_lines(str(self.not_in_nav).splitlines())
        return spec.match_file(src_uri)
