"""nbgrader configuration of the course "Төрийн албаны инноваци" (course root = this folder).

Run nbgrader from this folder with the venv's bin/ on PATH (nbgrader calls alembic);
`make release|autograde|feedback|grades` do that for you (course_instructor/commands.py).
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    Execute,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from course_instructor.grading.feedback_leaks import FeedbackLeakCheck  # noqa: E402
from course_instructor.grading.gradebook import gradebook_url  # noqa: E402
from course_instructor.grading.intake import LITTER  # noqa: E402
from course_instructor.grading.sandbox_kernel import KERNEL_NAME, SandboxKernelManager  # noqa: E402
from course_instructor.preprocessors.feedback_safety import FeedbackSafety  # noqa: E402
from course_instructor.preprocessors.late_policy import LatePolicy  # noqa: E402
from course_instructor.preprocessors.read_as_data import ReadAsData  # noqa: E402
from course_instructor.preprocessors.readable_copy import ReadableCopy  # noqa: E402
from course_instructor.preprocessors.trainee_html import SanitiseTraineeText  # noqa: E402

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

c.CourseDirectory.course_id = "toriin_albany_innovaci"
# the root and the gradebook (SQLite here, PostgreSQL on the hub: see gradebook_url) are pinned
# to this folder, so nbgrader works from any cwd
# and a copy of the folder (the tests use one) gets its own gradebook
c.CourseDirectory.root = HERE
c.CourseDirectory.db_url = gradebook_url(HERE)
# Jupyter's litter (.ipynb_checkpoints/, .virtual_documents/, __pycache__/...) is skipped by
# collect, autograde and feedback alike: one list, in intake.py
c.CourseDirectory.ignore = list(LITTER)

# One machine (`make lab-instructor`, `make release`): the exchange is a git-ignored folder of
# the course, assignments/exchange/, not nbgrader's system default /srv/nbgrader/exchange that an
# instructor's account cannot create; trainees on the same machine fetch into
# assignments/exchange/fetched/. The Makefile sets COURSE_LOCAL_EXCHANGE for those targets only;
# a class server writes its own Exchange settings (course_instructor/hub/setup_class.py).
LOCAL_EXCHANGE = os.environ.get("COURSE_LOCAL_EXCHANGE", "")
if LOCAL_EXCHANGE:
    os.makedirs(LOCAL_EXCHANGE, exist_ok=True)
    c.Exchange.root = LOCAL_EXCHANGE
    c.Exchange.assignment_dir = os.path.join(LOCAL_EXCHANGE, "fetched")
    # collect checks times and records them where make autograde believes them (intake.py)
    c.ExchangeFactory.collect = "course_instructor.exchange.Collect"

ASSIGNMENTS = sorted(
    name for name in os.listdir(os.path.join(HERE, "source"))
    if os.path.isdir(os.path.join(HERE, "source", name))
) if os.path.isdir(os.path.join(HERE, "source")) else []

# Widget answers live in answers.json beside the submitted notebook. At autograde nbgrader
# copies the source folder's files over the submission; an instructor's own answers.json in
# source/ must never overwrite a trainee's.
c.Autograde.exclude_overwriting = {name: ["answers.json"] for name in ASSIGNMENTS}

# Released stubs: a short-text item is a string between quotes, not code to write.
c.ClearSolutions.code_stub = {
    "python": 'answer = ""  # хариултаа хашилтын дотор бичнэ үү (type it between the quotes)'
}
c.ClearSolutions.text_stub = "Хариултаа энд бичнэ үү. (Write your answer here.)"

# Our cells finish in well under a second, but two are slower: the first imports the library
# (~1 s) and the first short answer loads the Mongolian dictionary (1-2.5 s alone). On a
# class-loaded machine, each kernel held to one core, that can pass 10 s, and a right answer
# must never fail for time; 30 s leaves that room, while an infinite loop is still
# interrupted and the remaining cells graded.
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True
c.ExecutePreprocessor.timeout = 30

# A submission that prints without end must not bloat the gradebook or the feedback.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 40

# Feedback: no hidden test text (nbgrader #917), static stand-ins for plotly figures and
# widgets, which the HTML exporter cannot draw offline; then the leak check reads the
# instructor-derived cells (never the trainee's own) and withholds a page that still leaks.
c.GenerateFeedback.preprocessors = [
    GetGrades, FeedbackSafety, FeedbackLeakCheck, CSSHTMLHeaderPreprocessor,
]


# --- Grading without trusting the submission (issue 12; README "What is sandboxed") --------
# 1. Read as data: after nbgrader restores locked cells, ReadAsData keeps only the string
#    literal of each short answer, turns added or pasted cells into raw cells and puts the
#    source text back into every other code cell (read_as_data.py).
c.Autograde.sanitize_preprocessors = [
    ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, ReadAsData,
    CheckCellMetadata,
]
# 2. The instructor code that then runs does so in the course kernel: bubblewrap, the
#    unprivileged course-sandbox account, prlimit, a wall-clock kill, IPC in a private folder
#    (kernels/course-sandbox/launch.py, sandbox_kernel.py). Both settings win over any
#    kernelspec named in a notebook or in the gradebook.
c.Execute.kernel_name = KERNEL_NAME
c.Execute.kernel_manager_class = SandboxKernelManager
c.SandboxKernelManager.kernels_dir = os.path.join(HERE, "kernels")
#    ReadableCopy first: nbgrader's copy in autograded/ keeps a trainee's 0600 modes, which the
#    sandbox account could not read (readable_copy.py); on every route, formgrader's included.
# 3. Trainee text stays text: after the grades are saved, the notebook formgrader renders from
#    autograded/ is sanitised with nh3 (trainee_html.py); feedback is cleaned again.
c.Autograde.autograde_preprocessors = [
    ReadableCopy, Execute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
    AssignLatePenalties, SanitiseTraineeText, CheckCellMetadata,
]

# Late work is graded and kept with its time; the score loses 10 % per started day late, at
# most half (late_policy.py).
c.AssignLatePenalties.plugin_class = LatePolicy
c.LatePolicy.per_day = 0.1
c.LatePolicy.cap = 0.5
