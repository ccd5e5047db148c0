"""Course content: question banks, cases, plan fields, the course map — loaded and validated
against the versioned schemas in schemas/, plus the pure scoring of answers.

No widgets, no plotly."""
