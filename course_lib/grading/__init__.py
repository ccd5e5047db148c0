"""nbgrader items answered by widget, and the answers file autograding reads."""
