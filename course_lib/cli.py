"""Command line: ``python -m course_lib validate | progress | plan``."""

from __future__ import annotations

import argparse


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m course_lib")
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="validate question banks and course data")
    validate.add_argument("paths", nargs="*", help="files to check (default: all of data/)")
    validate.add_argument("--write-digests", action="store_true",
                          help="if all of data/ is valid, record it in data/validated.json so "
                               "notebooks skip the schema check (make digests)")

    progress = sub.add_parser("progress", help="take your learner record with you")
    psub = progress.add_subparsers(dest="action", required=True)
    psub.add_parser("export", help="write the record to a JSON file").add_argument("file")
    psub.add_parser("import", help="merge a JSON export into the record").add_argument("file")

    plan = sub.add_parser("plan", help="your action plan as a document")
    plsub = plan.add_subparsers(dest="action", required=True)
    export = plsub.add_parser("export", help="write the assembled action plan")
    export.add_argument("--format", choices=("md", "html"), default="md")
    export.add_argument("file")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "validate":
        from .content.validate import run

        return run(args.paths, write_digests=args.write_digests)
    from .record import transfer  # record export/import; never imports widgets

    if args.command == "progress":
        if args.action == "export":
            return transfer.progress_export_cli(args.file)
        return transfer.progress_import_cli(args.file)
    return transfer.plan_export_cli(args.file, args.format)
