"""The package as `pip install .` installs it: one import package, `zhengli`, holding the text
logic, the flows and the schemas, and nothing generic (`tasks`, `flows`) in site-packages."""

import shutil
import subprocess
import sys
import zipfile

import pytest

from .conftest import RAW

ROOT = RAW.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """Built from a copy of the source, so that setuptools' build folder lands outside the checkout."""
    source, folder = tmp_path_factory.mktemp("source") / "zhengli", tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "data", "clean", "raw", "*.egg-info", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(source), "-w", str(folder)],
                   check=True, capture_output=True)
    (path,) = folder.glob("zhengli-*.whl")
    return path


def test_the_wheel_holds_one_top_level_package_and_the_schemas(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"zhengli", wheel.name.split("-py3")[0] + ".dist-info"}
    assert {"zhengli/schema/edition-1.schema.json", "zhengli/schema/zhengli-tei-1.rng", "zhengli/tasks/pdf.py",
            "zhengli/flows/cli.py", "zhengli/__main__.py"} <= set(names)


def test_installed_away_from_the_checkout_the_api_cleans_and_the_gate_finds_its_schemas(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    program = (
        "import zhengli, zhengli.tasks.publish.gate as gate\n"
        f"assert zhengli.__file__.startswith({str(site)!r}), zhengli.__file__\n"
        "document = zhengli.clean_text('关于测试的通知\\n\\n正文第一段。\\n')\n"
        "print(zhengli.render_markdown(document), end='')\n"
        "print(gate.SCHEMAS.is_dir() and sorted(p.name for p in gate.SCHEMAS.iterdir()))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "# 关于测试的通知\n\n正文第一段。\n['edition-1.schema.json', 'zhengli-tei-1.rng']\n"


def test_python_dash_m_zhengli_is_the_zhengli_command():
    result = subprocess.run([sys.executable, "-m", "zhengli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("zhengli ")
