"""sitegen: renders the Werkstätten content (YAML in content/) into Markdown pages for MkDocs."""

__version__ = "0.1.0"
