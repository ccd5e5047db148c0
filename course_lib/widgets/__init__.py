"""Stock ipywidgets that render content and call the record; they never open SQLite themselves."""
