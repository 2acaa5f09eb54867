"""The rules the whole content tree must follow, across files and languages, in the order they run.

Each rule is a module in this package with an `ID` (kebab-case, its module name with hyphens) and
`check(tree)`, a generator of the Problems it finds in a content.layout.ContentTree. What is wrong with a single
file on its own (YAML, fields, modeline) is found while reading it, in content.tree.
"""

from sitegen.content.rules import (
    language_name_markup,
    missing_language_folder,
    missing_site_file,
    plural_forms,
    same_workshop_title,
    see_also_exists,
    see_also_unique,
    shared_text_markup,
    symbolic_link,
    text_markup,
    translation_without_source,
    undeclared_language_folder,
    unexpected_file,
    workshop_file_name,
)

RULES = (
    undeclared_language_folder,
    missing_language_folder,
    symbolic_link,
    unexpected_file,
    missing_site_file,
    workshop_file_name,
    translation_without_source,
    text_markup,
    shared_text_markup,
    plural_forms,
    see_also_exists,
    see_also_unique,
    same_workshop_title,
    language_name_markup,
)
