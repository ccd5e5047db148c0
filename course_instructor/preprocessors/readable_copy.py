"""Make nbgrader's own copy of a submission readable by the sandboxed grading account.

nbgrader copies a submission's files into autograded/ with shutil.copy, which keeps their
modes: an answers.json of mode 0600 (a trainee's umask of 077, an older writer, a chmod) stays
0600, owned by the grader, and the kernel, running as the unprivileged course-sandbox account,
cannot read it: every click answer would count as unanswered, silently. This step runs first
in the autograde pass, where the notebook's folder is that copy (nbgrader's build directory),
and makes its regular files readable by all (0600 -> 0644) and the folder 0755, whatever the
modes handed in or the grader's umask. So formgrader's Autograde button and the hub grade
like `make autograde`, which stages a readable copy itself (grading/intake.py). Links are
left alone (chmod would follow them); the files stay the grader's.
"""

from __future__ import annotations

import os
import stat

from nbgrader.preprocessors import NbGraderPreprocessor


class ReadableCopy(NbGraderPreprocessor):  # enabled, unlike nbconvert's base class
    def preprocess(self, nb, resources):
        folder = resources.get("metadata", {}).get("path") or ""
        if folder and os.path.isdir(folder) and os.stat(folder).st_uid == os.geteuid():
            os.chmod(folder, 0o755)
            for entry in os.scandir(folder):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
                    os.chmod(entry.path, stat.S_IMODE(info.st_mode) | 0o444)
        return nb, resources
