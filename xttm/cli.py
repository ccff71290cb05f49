"""The `xttm` console script: every Django management command, plus `serve`."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xttm.settings")
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "serve":
        from xttm.core.serve import serve

        sys.exit(serve(argv[2:]))
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
