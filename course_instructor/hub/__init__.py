"""The class server on one machine (`course-hub`, `make hub`; docs/HUB.md)."""
