"""The content types, declared once. Field descriptions are German: editors see them as help."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
Slug = Annotated[str, StringConstraints(strict=True, pattern=SLUG_PATTERN.pattern)]
# Addresses reach the pages inside links, so they are held to what a link needs and no more: a
# web address with a host name, or an e-mail address; no other scheme (javascript:, data:, file: …),
# no spaces, control characters or the characters " < > \ ^ ` { | }. markdown.link_target
# percent-encodes the rest where Markdown could misread it. (Patterns are written for both regex
# engines that use them: pydantic's, and the editors' JSON Schema validators.)
_HOST = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
_ADDRESS = r"[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
_URL_REST = r'[^\s\x00-\x1f\x7f-\x9f"<>\\^`{|}]*'
URL_PATTERN = rf"^(?:https?://{_HOST}(?::[0-9]{{1,5}})?(?:[/?#]{_URL_REST})?|mailto:{_ADDRESS})$"
EMAIL_PATTERN = rf"^{_ADDRESS}$"
# A phone number is shown as text; digits and the usual separators only.
PHONE_PATTERN = r"^\+?[0-9 ()/-]*[0-9][0-9 ()/-]*$"
Url = Annotated[str, StringConstraints(strict=True, pattern=URL_PATTERN)]
Email = Annotated[str, StringConstraints(strict=True, pattern=EMAIL_PATTERN)]
Phone = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, pattern=PHONE_PATTERN)]


class ContentModel(BaseModel):
    """Base of all content types: unknown fields are errors, types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class FocusArea(ContentModel):
    """Ein Schwerpunkt einer Werkstatt."""

    title: Text = Field(description="Überschrift des Schwerpunkts, eine Zeile.")
    text: Text | None = Field(None, description="Erklärender Text zum Schwerpunkt.")
    items: list[Text] = Field([], description="Aufzählung, die zum Schwerpunkt gehört (optional).")


class Partner(ContentModel):
    """Ein Kooperationspartner."""

    name: Text = Field(description="Name des Partners.")
    text: Text | None = Field(None, description="Worin die Zusammenarbeit besteht (optional).")


class Contact(ContentModel):
    """Eine Ansprechperson."""

    name: Text = Field(description="Name der Person. Gilt für alle Sprachen.", json_schema_extra={"translate": "shared"})
    role: Text | None = Field(None, description="Funktion, z. B. „Leitung der Werkstatt“.")
    email: Email | None = Field(None, description="E-Mail-Adresse. Gilt für alle Sprachen.", json_schema_extra={"translate": "shared"})
    phone: Phone | None = Field(None, description="Telefonnummer, z. B. +49 355 123456: Ziffern, Leerzeichen und + - / ( ). Gilt für alle Sprachen.", json_schema_extra={"translate": "shared"})


class Meeting(ContentModel):
    """Ein Termin der Werkstatt."""

    date: datetime.date = Field(description="Datum im Format JJJJ-MM-TT, z. B. 2027-03-15. Gilt für alle Sprachen.", json_schema_extra={"translate": "shared"})
    title: Text = Field(description="Worum es geht.")
    place: Text | None = Field(None, description="Ort des Treffens.")


class Link(ContentModel):
    """Ein weiterführender Link."""

    title: Text = Field(description="Text des Links.")
    url: Url = Field(description="Adresse, beginnend mit https://. Gilt für alle Sprachen.", json_schema_extra={"translate": "shared"})


class Workshop(ContentModel):
    """Eine Werkstatt. Datei: content/<sprache>/workshops/<kurzname>.yaml"""

    title: Text = Field(description="Name der Werkstatt, eine Zeile.")
    summary: Text = Field(description="Ein bis zwei Sätze: worum es in der Werkstatt geht.")
    goals: list[Text] = Field(min_length=1, description="Ziele der Werkstatt, je ein Satz.")
    focus_areas: list[FocusArea] = Field([], description="Schwerpunkte mit eigener Überschrift und Text.")
    topics: list[Text] = Field([], description="Schlüsselthemen als Stichworte.")
    partners: list[Partner] = Field([], description="Kooperationspartner.")
    contacts: list[Contact] = Field([], description="Ansprechpersonen.")
    members: list[Text] = Field([], description="Mitglieder der Werkstatt.")
    meetings: list[Meeting] = Field([], description="Termine.")
    links: list[Link] = Field([], description="Weiterführende Links.")
    review: Literal["draft", "reviewed"] | None = Field(
        None,
        description="Nur in Übersetzungen: draft (Entwurf) oder reviewed (von einer Muttersprachlerin "
        "oder einem Muttersprachler geprüft). Fehlt der Eintrag, gilt draft.",
    )


class FaqEntry(ContentModel):
    """Eine Frage mit Antwort."""

    question: Text = Field(description="Die Frage, eine Zeile.")
    answer: Text = Field(description="Die Antwort.")
    items: list[Text] = Field([], description="Aufzählung unter der Antwort (optional).")
    see_also: list[Slug] = Field([], description="Kurznamen von Werkstätten, auf die verwiesen wird. Gilt für alle Sprachen.", json_schema_extra={"translate": "shared"})


class Faq(ContentModel):
    """Die Seite „Häufige Fragen“. Datei: content/<sprache>/faq.yaml"""

    title: Text = Field(description="Überschrift der Seite.")
    intro: Text | None = Field(None, description="Einleitungssatz.")
    questions: list[FaqEntry] = Field(min_length=1, description="Fragen und Antworten.")
    review: Literal["draft", "reviewed"] | None = Field(None, description="Nur in Übersetzungen: draft oder reviewed.")


class TextSection(ContentModel):
    """Ein Abschnitt einer Textseite: Überschrift, Absätze, Aufzählung."""

    heading: Text = Field(description="Überschrift des Abschnitts.")
    paragraphs: list[Text] = Field([], description="Absätze.")
    items: list[Text] = Field([], description="Aufzählung nach den Absätzen (optional).")
    claim: Slug | None = Field(None, description="Nur in der Datenschutzerklärung: der Name der Aussage, die ein Test "
                               "prüft (z. B. no-cookies). Gilt für alle Sprachen.", json_schema_extra={"translate": "shared"})
    insert: Literal["publisher", "content_responsible", "data_protection_officer", "accessibility_contact",
                    "enforcement_body", "checks"] | None = Field(
        None, description="Was die Website am Ende des Abschnitts einfügt: Angaben aus content/de/publisher.yaml "
        "(publisher, content_responsible, data_protection_officer, accessibility_contact, enforcement_body) oder die "
        "Ergebnisse der Prüfung auf Barrierefreiheit (checks). Gilt für alle Sprachen.",
        json_schema_extra={"translate": "shared"})


class TextPage(ContentModel):
    """Eine Textseite: Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit, Leichte Sprache.
    Datei: content/<sprache>/<seite>.yaml"""

    title: Text = Field(description="Überschrift der Seite.")
    intro: list[Text] = Field([], description="Absätze vor den Abschnitten.")
    sections: list[TextSection] = Field([], description="Die Abschnitte der Seite.")
    review: Literal["draft", "reviewed"] | None = Field(None, description="Nur in Übersetzungen: draft oder reviewed.")


class NavLabels(ContentModel):
    """Beschriftungen der Navigation."""

    home: Text = Field(description="Menüpunkt der Startseite.")
    workshops: Text = Field(description="Menüpunkt der Übersicht aller Werkstätten.")
    faq: Text = Field(description="Menüpunkt der Seite „Häufige Fragen“.")


class HomeText(ContentModel):
    """Texte der Startseite."""

    title: Text = Field(description="Überschrift der Startseite.")
    intro: list[Text] = Field(min_length=1, description="Absätze der Einleitung.")
    workshops_heading: Text = Field(description="Überschrift über der Liste der Werkstätten.")


class WorkshopsPageText(ContentModel):
    """Texte der Übersichtsseite der Werkstätten."""

    title: Text = Field(description="Überschrift der Übersichtsseite.")
    intro: Text = Field(description="Einleitungssatz über der Liste der Werkstätten.")


class Labels(ContentModel):
    """Überschriften und Beschriftungen auf den Werkstattseiten."""

    goals: Text = Field(description="Überschrift der Ziele.")
    focus_areas: Text = Field(description="Überschrift der Schwerpunkte.")
    topics: Text = Field(description="Überschrift der Schlüsselthemen.")
    partners: Text = Field(description="Überschrift der Kooperationspartner.")
    contacts: Text = Field(description="Überschrift der Ansprechpersonen.")
    members: Text = Field(description="Überschrift der Mitglieder.")
    meetings: Text = Field(description="Überschrift der Termine.")
    links: Text = Field(description="Überschrift der weiterführenden Links.")
    see_also: Text = Field(description="Einleitung der Verweise auf Werkstätten in den Häufigen Fragen, z. B. „Mehr dazu“.")
    email: Text = Field(description="Beschriftung der E-Mail-Adresse.")
    phone: Text = Field(description="Beschriftung der Telefonnummer.")
    all_workshops: Text = Field(description="Text des Links zurück zur Übersicht aller Werkstätten.")


class TranslationNotice(ContentModel):
    """Hinweise auf übersetzten Seiten: wie aktuell und wie vollständig die Übersetzung ist."""

    draft: Text = Field(description="Die Übersetzung ist ein Entwurf, noch nicht von Muttersprachlern geprüft.")
    outdated: Text = Field(description="Der deutsche Text wurde geändert, nachdem übersetzt wurde.")
    missing: Text = Field(description="Teile der Seite sind nicht übersetzt und stehen auf Deutsch da.")
    untranslated: Text = Field(description="Die ganze Seite ist nicht übersetzt und steht auf Deutsch da.")
    source_link: Text = Field(description="Text des Links zur deutschen Fassung.")
    fallback_mark: Text = Field(description="Kurzer Zusatz in der Navigation bei Seiten, die nur auf Deutsch "
                                "vorliegen, z. B. „(auf Deutsch)“.")


class NotFoundText(ContentModel):
    """Texte der Fehlerseite „Seite nicht gefunden“ (404)."""

    title: Text = Field(description="Überschrift der Fehlerseite.")
    text: Text = Field(description="Erklärung, dass es die Seite nicht gibt.")
    home_link: Text = Field(description="Text des Links zur Startseite.")


class FactLabels(ContentModel):
    """Beschriftungen der Angaben zum Herausgeber (content/de/publisher.yaml) im Impressum und auf den anderen
    rechtlichen Seiten."""

    publisher: Text = Field(description="Überschrift: wer die Website herausgibt, z. B. „Herausgeber“.")
    legal_form: Text = Field(description="Beschriftung der Rechtsform.")
    address: Text = Field(description="Beschriftung der Anschrift.")
    represented_by: Text = Field(description="Beschriftung der Vertretung, z. B. „Vertreten durch“.")
    email: Text = Field(description="Beschriftung der E-Mail-Adresse.")
    phone: Text = Field(description="Beschriftung der Telefonnummer.")
    vat_id: Text = Field(description="Beschriftung der Umsatzsteuer-Identifikationsnummer.")
    supervisory_authority: Text = Field(description="Beschriftung der Aufsichtsbehörde.")
    content_responsible: Text = Field(description="Überschrift: verantwortlich für den Inhalt nach § 18 Abs. 2 MStV.")
    data_protection_officer: Text = Field(description="Überschrift: die oder der Datenschutzbeauftragte.")
    accessibility_contact: Text = Field(description="Überschrift: Kontakt für Rückmeldungen zur Barrierefreiheit.")
    enforcement_body: Text = Field(description="Überschrift: die Durchsetzungsstelle für Barrierefreiheit.")
    website: Text = Field(description="Beschriftung einer Webadresse, z. B. „Website“.")


class CheckLabels(ContentModel):
    """Beschriftungen der gemessenen Ergebnisse in der Erklärung zur Barrierefreiheit (aus den Browsertests)."""

    heading: Text = Field(description="Überschrift der Prüfergebnisse.")
    date: Text = Field(description="Beschriftung des Datums der letzten Prüfung.")
    method: Text = Field(description="Beschriftung des Prüfverfahrens.")
    tool: Text = Field(description="Beschreibung der Prüfung: automatische Prüfung mit axe-core in Chromium.")
    standards: Text = Field(description="Beschriftung der geprüften Anforderungen (WCAG 2.1 A und AA).")
    rules: Text = Field(description="Beschriftung der Zahl der geprüften Regeln.")
    pages: Text = Field(description="Beschriftung der Zahl der geprüften Seiten.")
    widths: Text = Field(description="Beschriftung der Bildschirmbreiten.")
    violations: Text = Field(description="Überschrift der gefundenen Verstöße.")
    no_violations: Text = Field(description="Satz, wenn die Prüfung keinen Verstoß gefunden hat.")


class LegalTexts(ContentModel):
    """Texte der rechtlichen Seiten und der Links darauf in der Fußzeile jeder Seite."""

    heading: Text = Field(description="Name der Link-Gruppe in der Fußzeile (für Screenreader), z. B. „Rechtliches“.")
    impressum: Text = Field(description="Text des Links zum Impressum.")
    privacy: Text = Field(description="Text des Links zur Datenschutzerklärung.")
    accessibility: Text = Field(description="Text des Links zur Erklärung zur Barrierefreiheit.")
    easy_language: Text = Field(description="Text des Links zur Seite in Leichter Sprache: „Leichte Sprache“. Gilt für "
                                "alle Sprachen (die Seite ist deutsch).", json_schema_extra={"translate": "shared"})
    missing_facts: Text = Field(description="Hinweis auf Seiten, denen noch Angaben des Herausgebers fehlen.")
    missing_value: Text = Field(description="Steht an Stelle einer fehlenden Angabe, z. B. „fehlt noch“.")
    facts: FactLabels = Field(description="Beschriftungen der Angaben zum Herausgeber.")
    checks: CheckLabels = Field(description="Beschriftungen der Prüfergebnisse zur Barrierefreiheit.")


class SiteText(ContentModel):
    """Texte der Website. Datei: content/<sprache>/site.yaml"""

    site_name: Text = Field(description="Name der Website, steht in der Kopfzeile.", json_schema_extra={"translate": "required"})
    site_description: Text = Field(description="Beschreibung der Website für Suchmaschinen, ein Satz.", json_schema_extra={"translate": "required"})
    nav: NavLabels = Field(description="Beschriftungen der Navigation.", json_schema_extra={"translate": "required"})
    home: HomeText = Field(description="Texte der Startseite.")
    workshops: WorkshopsPageText = Field(description="Texte der Übersichtsseite der Werkstätten.")
    labels: Labels = Field(description="Überschriften und Beschriftungen der Werkstattseiten.", json_schema_extra={"translate": "required"})
    translation_notice: TranslationNotice = Field(description="Hinweise zum Stand der Übersetzung.", json_schema_extra={"translate": "required"})
    not_found: NotFoundText = Field(description="Texte der Fehlerseite 404.", json_schema_extra={"translate": "required"})
    legal: LegalTexts = Field(description="Texte der rechtlichen Seiten (Impressum, Datenschutz, Barrierefreiheit, "
                              "Leichte Sprache) und der Links darauf.")
    review: Literal["draft", "reviewed"] | None = Field(None, description="Nur in Übersetzungen: draft oder reviewed.")


# Every reader-visible key of Material for MkDocs' language partial (9.8.2,
# material/templates/partials/languages/en.html). `language`, `direction` and the
# `search.config.*` keys are settings, not text: they come from content/languages.yaml.
# Counts (`search.result.one`/`.other`, `search.result.more.one`/`.other`) are in `plurals`.
THEME_STRING_KEYS = (
    "action.edit", "action.skip", "action.view", "announce.dismiss",
    "blog.archive", "blog.authors", "blog.categories", "blog.categories.in", "blog.continue",
    "blog.draft", "blog.index", "blog.meta", "blog.references",
    "clipboard.copy", "clipboard.copied", "consent.accept", "consent.manage", "consent.reject",
    "footer", "footer.next", "footer.previous", "header", "meta.comments", "meta.source", "nav",
    "readtime.one", "readtime.other", "rss.created", "rss.updated",
    "search", "search.placeholder", "search.share", "search.reset", "search.result.initializer",
    "search.result.placeholder", "search.result.none", "search.result.term.missing",
    "select.language", "select.version", "source", "source.file.contributors",
    "source.file.date.created", "source.file.date.updated", "tabs", "toc", "top",
)

# What each key is, for the editors' help (hover text in the editor, from the JSON Schema).
# Some belong to theme features this site does not use (blog, comments, cookie consent); Material's
# language partial has them all, so they are translated too and never fall back to English.
THEME_STRING_HELP = {
    "action.edit": "Symbol-Link „Seite bearbeiten“ über dem Seiteninhalt (führt zur YAML-Datei).",
    "action.skip": "Sprunglink „Zum Inhalt“ für Tastatur und Bildschirmleser.",
    "action.view": "Link „Quelltext der Seite ansehen“.",
    "announce.dismiss": "Schaltfläche, die eine Ankündigung ausblendet.",
    "blog.archive": "Blog (hier nicht genutzt): Überschrift „Archiv“.",
    "blog.authors": "Blog (hier nicht genutzt): Überschrift „Autoren“.",
    "blog.categories": "Blog (hier nicht genutzt): Überschrift „Kategorien“.",
    "blog.categories.in": "Blog (hier nicht genutzt): „in“ vor einer Kategorie.",
    "blog.continue": "Blog (hier nicht genutzt): Link „Weiterlesen“.",
    "blog.draft": "Blog (hier nicht genutzt): Kennzeichen „Entwurf“.",
    "blog.index": "Blog (hier nicht genutzt): Link zurück zur Übersicht.",
    "blog.meta": "Blog (hier nicht genutzt): Beschriftung der Metadaten.",
    "blog.references": "Blog (hier nicht genutzt): Überschrift der Verweise.",
    "clipboard.copy": "Schaltfläche „In die Zwischenablage kopieren“ an Codeblöcken.",
    "clipboard.copied": "Meldung „In die Zwischenablage kopiert“.",
    "consent.accept": "Cookie-Zustimmung (hier nicht genutzt): „Akzeptieren“.",
    "consent.manage": "Cookie-Zustimmung (hier nicht genutzt): „Einstellungen“.",
    "consent.reject": "Cookie-Zustimmung (hier nicht genutzt): „Ablehnen“.",
    "footer": "Name der Fußzeile für Bildschirmleser.",
    "footer.next": "„Weiter“ in der Fußzeile, vor dem Titel der nächsten Seite.",
    "footer.previous": "„Zurück“ in der Fußzeile, vor dem Titel der vorigen Seite.",
    "header": "Name der Kopfzeile für Bildschirmleser.",
    "meta.comments": "Überschrift „Kommentare“ (hier nicht genutzt).",
    "meta.source": "Überschrift „Quellcode“ (hier nicht genutzt).",
    "nav": "Name der Navigation; auf dem Telefon die Schaltfläche, die das Menü öffnet.",
    "readtime.one": "Lesezeit von einer Minute (hier nicht genutzt).",
    "readtime.other": "Lesezeit von mehreren Minuten, '#' steht für die Zahl (hier nicht genutzt).",
    "rss.created": "RSS-Feed neuer Seiten (hier nicht genutzt).",
    "rss.updated": "RSS-Feed geänderter Seiten (hier nicht genutzt).",
    "search": "Name der Suche; auf dem Telefon die Schaltfläche, die die Suche öffnet.",
    "search.placeholder": "Platzhalter im leeren Suchfeld, z. B. „Suchen“.",
    "search.share": "Schaltfläche „Suche teilen“.",
    "search.reset": "Schaltfläche, die das Suchfeld leert.",
    "search.result.initializer": "Meldung, während die Suche geladen wird.",
    "search.result.placeholder": "Hinweis unter dem leeren Suchfeld, z. B. „Suchbegriff eingeben“.",
    "search.result.none": "Meldung, wenn die Suche nichts gefunden hat.",
    "search.result.term.missing": "Steht vor Suchwörtern, die in einem Treffer fehlen, z. B. „Fehlt“.",
    "select.language": "Name des Sprachumschalters.",
    "select.version": "Name der Versionsauswahl (hier nicht genutzt).",
    "source": "Link zum Quellcode-Repository (hier nicht genutzt).",
    "source.file.contributors": "Überschrift der Mitwirkenden an einer Seite (hier nicht genutzt).",
    "source.file.date.created": "Datum, an dem eine Seite angelegt wurde (hier nicht genutzt).",
    "source.file.date.updated": "Datum der letzten Änderung einer Seite (hier nicht genutzt).",
    "tabs": "Name der Reiter-Navigation.",
    "toc": "Name des Inhaltsverzeichnisses einer Seite, z. B. „Auf dieser Seite“.",
    "top": "Schaltfläche „Zurück zum Seitenanfang“.",
}

ThemeStringTexts = create_model(
    "ThemeStringTexts",
    __base__=ContentModel,
    __doc__="Alle Oberflächentexte des Themes, Schlüssel wie in Materials Sprachdatei.",
    **{key.replace(".", "_"): (Text, Field(alias=key, description=THEME_STRING_HELP[key]))
       for key in THEME_STRING_KEYS},
)


# Plural categories of CLDR, in CLDR's order. Which ones a language has comes from CLDR (Babel).
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


class PluralText(ContentModel):
    """Ein Text mit einer Zahl, in jeder Pluralform der Sprache. '#' steht für die Zahl.

    Welche Formen eine Sprache hat, legt CLDR fest: Deutsch und Englisch one und other,
    Obersorbisch one, two, few und other (1 wuslědk, 2 wuslědkaj, 3 wuslědki, 5 wuslědkow)."""

    plural_forms: ClassVar[bool] = True

    zero: Text | None = Field(None, description="Form für die Null, nur wenn die Sprache eine hat.")
    one: Text | None = Field(None, description="Form für eins (und in manchen Sprachen 21, 101 …).")
    two: Text | None = Field(None, description="Form für zwei (Dual), z. B. im Sorbischen.")
    few: Text | None = Field(None, description="Form für wenige, z. B. 3 und 4 im Sorbischen.")
    many: Text | None = Field(None, description="Form für viele, nur wenn die Sprache eine hat.")
    other: Text | None = Field(None, description="Form für alle übrigen Zahlen.")


class ThemePlurals(ContentModel):
    """Oberflächentexte mit Zahl."""

    search_result: PluralText = Field(alias="search.result", description="Zahl der Suchergebnisse, z. B. „# Suchergebnisse“.")
    search_result_more: PluralText = Field(alias="search.result.more", description="Weitere Treffer auf derselben Seite, z. B. „# weitere Suchergebnisse auf dieser Seite“.")


class ThemeText(ContentModel):
    """Oberflächentexte des Themes. Datei: content/<sprache>/theme.yaml"""

    strings: ThemeStringTexts = Field(description="Alle Oberflächentexte des Themes.", json_schema_extra={"translate": "required"})  # type: ignore[valid-type]
    plurals: ThemePlurals = Field(description="Oberflächentexte mit Zahl, in jeder Pluralform der Sprache.", json_schema_extra={"translate": "required"})
    review: Literal["draft", "reviewed"] | None = Field(None, description="Nur in Übersetzungen: draft oder reviewed.")


class Language(ContentModel):
    """Eine Sprache der Website."""

    code: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z]{2,3}$")] = Field(
        description="Sprachcode, z. B. de, en, hsb."
    )
    name: Text = Field(description="Name der Sprache in der Sprache selbst.")
    dir: Literal["ltr", "rtl"] = Field("ltr", description="Schreibrichtung.")
    source: bool = Field(False, description="true bei der Quellsprache (genau eine).")
    search: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z]{2}$")] | None = Field(
        None, description="Sprache für Wortstämme in der Suche; weglassen, wenn die Suche sie nicht kennt."
    )
    spelling: Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9_-]+$")] | None = Field(
        None, description="Wörterbuch für die Rechtschreibprüfung mit aspell, z. B. de_DE, en_GB, hsb; "
        "weglassen, wenn es keines gibt."
    )


class LanguageList(ContentModel):
    """Die Sprachen der Website. Datei: content/languages.yaml"""

    languages: list[Language] = Field(min_length=1, description="Die Sprachen; die Quellsprache (source: true) "
                                      "steht im Wurzelverzeichnis der Website, jede andere unter /<code>/.")
    messages: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z]{2,3}$")] | None = Field(
        None, description="Sprache der Meldungen von sitegen (de oder en), wenn weder SITEGEN_MESSAGES noch "
        "LANGUAGE, LC_ALL, LC_MESSAGES oder LANG eine davon nennt; weglassen: Englisch.")


# publisher.yaml: who publishes the site. Facts, the same in every language, only in the source language's
# folder. Every field may be empty while nobody has given the fact: `sitegen check` names each one that is
# missing, `sitegen check --release` fails (content/publisher.py says which are required).
class PostalAddress(ContentModel):
    """Eine Postanschrift."""

    street: Text | None = Field(None, description="Straße und Hausnummer, oder Postfach.")
    postal_code: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9]{5}$")] | None = Field(
        None, description="Postleitzahl, fünf Ziffern, in Anführungszeichen: \"03046\".")
    city: Text | None = Field(None, description="Ort.")


class ResponsiblePerson(ContentModel):
    """Eine verantwortliche Person."""

    name: Text | None = Field(None, description="Vor- und Nachname.")
    role: Text | None = Field(None, description="Funktion, z. B. „Leiterin der Pressestelle“ (optional).")
    address: PostalAddress | None = Field(None, description="Anschrift, nur wenn sie von der des Herausgebers "
                                          "abweicht (optional).")


class DataProtectionOfficer(ContentModel):
    """Die oder der Datenschutzbeauftragte (Art. 37 DSGVO)."""

    name: Text | None = Field(None, description="Name, oder die Bezeichnung der Stelle.")
    email: Email | None = Field(None, description="E-Mail-Adresse.")
    phone: Phone | None = Field(None, description="Telefonnummer (optional).")
    address: PostalAddress | None = Field(None, description="Anschrift, nur wenn sie von der des Herausgebers "
                                          "abweicht (optional).")


class Authority(ContentModel):
    """Eine Behörde oder Stelle."""

    name: Text | None = Field(None, description="Name der Stelle.")
    address: PostalAddress | None = Field(None, description="Anschrift.")
    email: Email | None = Field(None, description="E-Mail-Adresse (optional).")
    phone: Phone | None = Field(None, description="Telefonnummer (optional).")
    url: Url | None = Field(None, description="Webseite der Stelle.")


class AccessibilityContact(ContentModel):
    """Wohin Leserinnen und Leser Barrieren melden (Feedback-Mechanismus, BITV 2.0 § 7)."""

    email: Email | None = Field(None, description="E-Mail-Adresse für Rückmeldungen zur Barrierefreiheit.")
    phone: Phone | None = Field(None, description="Telefonnummer (optional).")


class Publisher(ContentModel):
    """Der Herausgeber der Website: Angaben für Impressum, Datenschutzerklärung und Erklärung zur
    Barrierefreiheit. Datei: content/de/publisher.yaml. Leere Felder sind erlaubt, solange niemand die Angabe
    geliefert hat: `make check` nennt jede fehlende Angabe, und die Website wird erst veröffentlicht, wenn alle
    Pflichtangaben da sind. Nichts erfinden: nur Angaben eintragen, die der Herausgeber bestätigt hat."""

    name: Text | None = Field(None, description="Name der Behörde oder Einrichtung, die die Website herausgibt "
                              "(Impressum, § 5 DDG).")
    legal_form: Text | None = Field(None, description="Rechtsform, z. B. „Körperschaft des öffentlichen Rechts“.")
    address: PostalAddress | None = Field(None, description="Anschrift des Herausgebers (ladungsfähig).")
    representative: Text | None = Field(None, description="Vertreten durch: Name und Funktion der Person, die "
                                        "den Herausgeber vertritt.")
    email: Email | None = Field(None, description="E-Mail-Adresse für die schnelle Kontaktaufnahme.")
    phone: Phone | None = Field(None, description="Telefonnummer, z. B. +49 355 123456.")
    vat_id: Text | None = Field(None, description="Umsatzsteuer-Identifikationsnummer, falls vorhanden (optional).")
    supervisory_authority: Authority | None = Field(None, description="Zuständige Aufsichtsbehörde, falls es eine "
                                                    "gibt (optional).")
    content_responsible: ResponsiblePerson | None = Field(None, description="Verantwortlich für den Inhalt nach "
                                                          "§ 18 Abs. 2 MStV.")
    data_protection_officer: DataProtectionOfficer | None = Field(None, description="Datenschutzbeauftragte oder "
                                                                  "Datenschutzbeauftragter (Art. 37 DSGVO).")
    accessibility_contact: AccessibilityContact | None = Field(None, description="Kontakt für Rückmeldungen zur "
                                                               "Barrierefreiheit.")
    enforcement_body: Authority | None = Field(None, description="Durchsetzungsverfahren: die Schlichtungs- oder "
                                               "Durchsetzungsstelle für Barrierefreiheit im Bundesland des "
                                               "Herausgebers.")


# content/accessibility-checks.json: what the browser tests measured, written by `make accessibility-checks`
# (tests/browser/test_browser.py) and checked against every new measurement by the same test. The accessibility
# statement is made from it, so it can never claim more than was measured.
class MeasuredViolation(ContentModel):
    rule: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9-]+$")]
    where: Text


class AccessibilityChecks(ContentModel):
    """Ergebnisse der automatischen Prüfung auf Barrierefreiheit. Wird von `make accessibility-checks` geschrieben;
    bitte nicht von Hand ändern."""

    date: datetime.date
    axe_version: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9][0-9.]*$")]
    tags: list[Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9-]+$")]]
    rules: list[Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9-]+$")]]
    pages: list[str]
    widths: list[int]
    violations: list[MeasuredViolation]


# translated-from.yaml: which German text each translated field was made from. sitegen writes it
# (mark-current, import-po); status.load_records reads it with its own messages. This type gives
# its JSON Schema, and the fingerprint pattern both share.
FINGERPRINT_PATTERN = r"^[0-9a-f]{16}$"
RECORD_ITEM_PATTERN = r"^(site|faq|theme|impressum|privacy|accessibility)\.yaml$|^workshops/[a-z0-9]+(-[a-z0-9]+)*\.yaml$"
RecordItem = Annotated[str, StringConstraints(pattern=RECORD_ITEM_PATTERN)]
Fingerprint = Annotated[str, StringConstraints(strict=True, pattern=FINGERPRINT_PATTERN)]
TranslationRecords = Annotated[
    dict[RecordItem, Annotated[dict[str, Fingerprint], Field(
        description="Feldname (wie `sitegen status` ihn nennt) → Fingerabdruck des deutschen Textes.")]] | None,
    Field(description="Aus welchem deutschen Text jedes Feld übersetzt wurde: ein Fingerabdruck je Feld und Datei. "
          "Diese Datei schreibt sitegen (mark-current, import-po); bitte nicht von Hand ändern."),
]
