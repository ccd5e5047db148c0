"""The learner record (SQLite), its export/import, and the action-plan document. No widgets."""
