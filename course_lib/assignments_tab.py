"""The server side of nbgrader's Assignments tab, imported when a trainee first opens the tab.

A trainee's server on the class server needs nbgrader's ``assignment_list`` server extension
(fetch, submit, fetch feedback), but importing it at start costs about half of the start's
CPU (nbgrader's apps, its gradebook's SQLAlchemy, nbconvert: bench/server_start.py), and a
whole class starts together while only a few trainees open the tab in the first minutes. The
tab's page code asks the server nothing until the tab opens (the nbgrader_version check runs in
the panel's constructor), so this extension registers nbgrader's four routes with stand-ins
that import nbgrader's handlers on the first request and hand that request to them: the same
handlers, the same answers, paid for once, later.

Enabled instead of ``nbgrader.server_extensions.assignment_list`` in the trainees' server
settings (course_instructor/hub/server_settings.py, deploy/z2jh/values.yaml).
"""

from __future__ import annotations

import threading

# nbgrader's own routes (its handlers.default_handlers), written out so that registering them
# imports nothing; tests/test_assignments_tab.py holds them equal to nbgrader's list
ROUTES = (
    (r"/assignments", "AssignmentListHandler"),
    (r"/assignments/(?P<action>fetch|submit|fetch_feedback)", "AssignmentActionHandler"),
    (r"/courses", "CourseListHandler"),
    (r"/nbgrader_version", "NbGraderVersionHandler"),
)

FIRST_USE = "Loading nbgrader's assignment_list handlers on the Assignments tab's first request"
_loading = threading.Lock()


def _nbgrader(settings: dict):
    """nbgrader's handlers module, with the manager its handlers read from the settings.

    Set up exactly as nbgrader's own loader does, on the first request instead of at start.
    """
    with _loading:
        from nbgrader.server_extensions.assignment_list import handlers
        if "assignment_list_manager" not in settings:
            serverapp = settings["serverapp"]
            serverapp.log.info(FIRST_USE)
            manager = handlers.AssignmentList(parent=serverapp)
            manager.root_dir = serverapp.root_dir
            settings["assignment_list_manager"] = manager
    return handlers


def stand_in(handler_name: str) -> type:
    """A route's handler class that, when tornado makes one for a request, makes nbgrader's.

    tornado builds a handler per request by calling the class; ``__new__`` returns an instance
    of nbgrader's class instead, which Python does not initialise twice, so from there on the
    request is nbgrader's own.
    """
    from tornado.web import RequestHandler

    class StandIn(RequestHandler):
        def __new__(cls, application, request, **kwargs):
            real = getattr(_nbgrader(application.settings), handler_name)
            return real(application, request, **kwargs)

    StandIn.__name__ = StandIn.__qualname__ = f"Lazy{handler_name}"
    return StandIn


def _jupyter_server_extension_points():
    return [{"module": "course_lib.assignments_tab"}]


def _load_jupyter_server_extension(serverapp) -> None:
    from jupyter_server.utils import url_path_join

    base_url = serverapp.web_app.settings["base_url"]
    serverapp.web_app.add_handlers(".*$", [(url_path_join(base_url, pattern), stand_in(name))
                                           for pattern, name in ROUTES])
