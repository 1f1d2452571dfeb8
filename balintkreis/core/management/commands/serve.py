import signal
import subprocess
import sys
import time

from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the web server, the task worker and the scheduler together (make run)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args: object, host: str, port: str, **options: object) -> None:
        manage = [sys.executable, "manage.py"]
        commands = [
            manage + ["runserver", f"{host}:{port}", "--noreload", "--skip-checks"],
            manage + ["db_worker", "--interval", "1"],
        ]
        if "scheduler" in get_commands():
            commands.append(manage + ["scheduler"])
        processes = [subprocess.Popen(command) for command in commands]
        self.stdout.write(
            f"Balintkreis läuft auf http://{host}:{port}/ (Strg+C beendet)"
        )

        def stop(*_args: object) -> None:
            for process in processes:
                if process.poll() is None:
                    process.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for process in processes:
                process.wait(timeout=10)
