"""Authors' tools (`course-author`): what trainees read, checked and kept in step."""
