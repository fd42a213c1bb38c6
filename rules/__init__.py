"""jxlint's built-in rules, one module per family, with their vocabularies as TOML data."""
