"""Executing one notebook: this interpreter's kernel, IPC sockets, start-up retries, logs
(playbook.kernels, through runner.execute_one)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbfactory import write_notebook

from playbook import kernels, runner
from playbook.rundir import RunFolder


def _execute_alone(tmp_path: Path, name: str, source: str) -> tuple[dict, str]:
    """Write notebook ``name`` with ``source`` as its cell, run it through
    ``runner.execute_one`` into ``tmp_path/run``; return the result and what the cell printed."""
    write_notebook(tmp_path / name, source)
    result = runner.execute_one(str(tmp_path / name), RunFolder(tmp_path / "run"), {}, False, 60)
    executed = tmp_path / "run" / "executed" / name
    cell = nbformat.read(executed, as_version=4).cells[-1] if executed.exists() else None
    printed = "".join(o.get("text", "") for o in cell.outputs) if cell else ""
    return result, printed


def _papermill_whose_kernel_fails_to_start(failures: int, calls: list):
    """A stand-in for ``papermill.execute_notebook`` that behaves as papermill did in CI: it
    writes the (unexecuted) output notebook first, then the kernel dies before replying. After
    ``failures`` such calls it runs the notebook for real."""
    real = kernels.pm.execute_notebook

    def fake(src, out, **kwargs):
        calls.append(out)
        if len(calls) <= failures:
            shutil.copy(src, out)
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(src, out, **kwargs)

    return fake


@pytest.mark.e2e
def test_kernel_that_fails_to_start_is_retried_even_after_papermill_wrote_the_output(
    tmp_path, monkeypatch
):
    calls: list = []
    monkeypatch.setattr(
        kernels.pm, "execute_notebook", _papermill_whose_kernel_fails_to_start(2, calls)
    )
    monkeypatch.setattr(kernels.time, "sleep", lambda s: None)
    result, printed = _execute_alone(tmp_path, "01-ok.ipynb", "x = 6 * 7\nprint(x)")
    assert result["status"] == "ok", result["error"]
    assert result["kernel_start_retries"] == 2 and len(calls) == 3
    assert printed == "42\n"


@pytest.mark.e2e
def test_batch_kernels_talk_over_ipc_sockets_so_parallel_starts_cannot_race_for_ports(tmp_path):
    result, printed = _execute_alone(
        tmp_path,
        "01-transport.ipynb",
        "import json, ipykernel.connect as c\n"
        "print(json.load(open(c.get_connection_file()))['transport'])",
    )
    assert result["status"] == "ok" and printed == "ipc\n"


@pytest.mark.e2e
def test_kernel_output_goes_to_a_log_in_the_run_folder_not_the_terminal(tmp_path, capfd):
    write_notebook(
        tmp_path / "01-chatty.ipynb",
        "import sys\nprint('kernel chatter', file=sys.__stderr__, flush=True)",
    )
    write_notebook(tmp_path / "02-quiet.ipynb", "x = 1")
    run = tmp_path / "run"
    chatty = runner.execute_one(str(tmp_path / "01-chatty.ipynb"), RunFolder(run), {}, False, 60)
    quiet = runner.execute_one(str(tmp_path / "02-quiet.ipynb"), RunFolder(run), {}, False, 60)
    assert chatty["log"] == "logs/01-chatty.log"
    assert "kernel chatter" in (run / "logs" / "01-chatty.log").read_text()
    assert "kernel chatter" not in capfd.readouterr().err
    assert quiet["status"] == "ok" and quiet["log"] == ""
    assert not (run / "logs" / "02-quiet.log").exists()


def test_long_temporary_directory_keeps_tcp(monkeypatch):
    """Unix socket paths are limited to ~100 characters; a long temp dir must not break runs."""
    monkeypatch.setattr(kernels.tempfile, "gettempdir", lambda: "/t" + "x" * 80)
    assert kernels.kernel_manager_class() is kernels.BatchKernelManager
    monkeypatch.setattr(kernels.tempfile, "gettempdir", lambda: "/tmp")
    assert kernels.kernel_manager_class() is kernels.IPCKernelManager


def test_each_ipc_kernel_gets_its_own_socket_names():
    first, second = kernels.IPCKernelManager(), kernels.IPCKernelManager()
    assert first.transport == second.transport == "ipc"
    assert first.ip != second.ip and first.ip.startswith(kernels.tempfile.gettempdir())


def test_kernel_start_failures_give_up_after_three_attempts(tmp_path, monkeypatch):
    calls: list = []
    monkeypatch.setattr(
        kernels.pm, "execute_notebook", _papermill_whose_kernel_fails_to_start(99, calls)
    )
    monkeypatch.setattr(kernels.time, "sleep", lambda s: None)
    result, _ = _execute_alone(tmp_path, "01-ok.ipynb", "x = 1")
    assert result["status"] == "failed" and len(calls) == kernels.START_ATTEMPTS == 3
    assert "Kernel died before replying" in result["error"]


def test_kernel_start_error_after_a_cell_ran_is_not_retried(tmp_path, monkeypatch):
    """Once a cell has run, the notebook may have written results: never run it twice."""
    calls: list = []

    def fake(src, out, **kwargs):
        calls.append(out)
        nb = nbformat.read(src, as_version=4)
        nb.cells[0].execution_count = 1
        nbformat.write(nb, out)
        raise RuntimeError("Kernel didn't respond in 60 seconds")

    monkeypatch.setattr(kernels.pm, "execute_notebook", fake)
    result, _ = _execute_alone(tmp_path, "01-ok.ipynb", "x = 1")
    assert result["status"] == "failed" and len(calls) == 1
    assert result["kernel_start_retries"] == 0


def _shadowing_kernelspec(tmp_path, monkeypatch):
    """A user-level ``python3`` kernelspec pointing at another Python, as conda or a system
    Jupyter leaves behind."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [
                    "/opt/other/bin/python",
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                ],
                "display_name": "Other",
                "language": "python",
            }
        )
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))


def test_batch_kernels_ignore_a_shadowing_python3_kernelspec(tmp_path, monkeypatch):
    import sys

    from jupyter_client.kernelspec import KernelSpecManager

    _shadowing_kernelspec(tmp_path, monkeypatch)
    assert KernelSpecManager().get_kernel_spec("python3").argv[0] == "/opt/other/bin/python"
    for cls in (kernels.BatchKernelManager, kernels.IPCKernelManager):
        assert cls(kernel_name="python3").kernel_spec.argv[0] == sys.executable


@pytest.mark.e2e
def test_notebooks_run_in_this_interpreter_despite_a_shadowing_kernelspec(tmp_path, monkeypatch):
    import sys

    _shadowing_kernelspec(tmp_path, monkeypatch)
    result, printed = _execute_alone(
        tmp_path, "01-which.ipynb", "import sys\nprint(sys.executable)"
    )
    assert result["status"] == "ok", result["error"]
    assert printed == sys.executable + "\n"
