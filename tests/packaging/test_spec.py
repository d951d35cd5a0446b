"""Fast checks of the packaging files; nothing here builds a bundle.

The PyInstaller spec is executed with stand-ins for PyInstaller's build steps, so these
tests run where PyInstaller is not installed and take well under a second. The bundle
itself is proved by ``packaging/build.sh`` (which smoke-runs what it built) and by CI's
package workflow; ``packaging/smoke.py``'s verdicts are tested here against fake apps.
"""
from __future__ import annotations

import importlib.util
import re
import struct
import sys
import tomllib
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"


def _load(name: str, path: Path) -> types.ModuleType:
    # Loaded by path: the folder is called "packaging", like the PyPI library.
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Step:
    """Stands in for Analysis, PYZ, EXE, COLLECT and BUNDLE: records what the spec asked for."""

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.binaries = list(kwargs.get("binaries", []))
        self.datas = list(kwargs.get("datas", []))
        self.pure, self.scripts = [], []


def _fake_pyinstaller(calls: list) -> dict[str, types.ModuleType]:
    def collect_data_files(package, *args, **kwargs):
        calls.append(("collect_data_files", package, kwargs))
        return [(f"{package}/data.bin", package)]

    def collect_submodules(package, *args, **kwargs):
        calls.append(("collect_submodules", package, kwargs))
        return [package]

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files, hooks.collect_submodules = collect_data_files, collect_submodules
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda filename, search_paths=None: set()
    versioninfo = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    versioninfo.__getattr__ = lambda name: _Step
    return {
        "PyInstaller": types.ModuleType("PyInstaller"),
        "PyInstaller.utils": types.ModuleType("PyInstaller.utils"),
        "PyInstaller.utils.hooks": hooks,
        "PyInstaller.utils.win32": types.ModuleType("PyInstaller.utils.win32"),
        "PyInstaller.utils.win32.versioninfo": versioninfo,
        "PyInstaller.depend": types.ModuleType("PyInstaller.depend"),
        "PyInstaller.depend.bindepend": bindepend,
    }


@pytest.fixture(scope="module")
def spec():
    """The spec's namespace after running it; ``calls`` lists the hook helpers it used."""
    calls: list = []
    steps: dict[str, list[_Step]] = {}

    def step(kind):
        def make(*args, **kwargs):
            made = _Step(*args, **kwargs)
            steps.setdefault(kind, []).append(made)
            return made
        return make

    namespace = {"SPECPATH": str(PACKAGING), "__name__": "commrel_spec", "__file__": str(PACKAGING / "commrel.spec")}
    namespace.update({kind: step(kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")})
    saved = {name: sys.modules.get(name) for name in _fake_pyinstaller([])}
    sys.modules.update(_fake_pyinstaller(calls))
    try:
        code = compile((PACKAGING / "commrel.spec").read_text(encoding="utf-8"), "commrel.spec", "exec")
        exec(code, namespace)
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    namespace["calls"], namespace["steps"] = calls, steps
    return namespace


def _pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def test_version_is_read_from_pyproject(spec, tmp_path):
    assert spec["VERSION"] == _pyproject_version()
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "x"\nversion = "9.8.7"\n', encoding="utf-8")
    assert spec["project_version"](other) == "9.8.7"


def test_unused_qt_modules_are_excluded(spec):
    excludes = spec["steps"]["Analysis"][0].kwargs["excludes"]
    for module in ("PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtQml",
                   "PySide6.QtQuick", "PySide6.Qt3DCore", "PySide6.QtMultimedia", "PySide6.QtPdf",
                   "PySide6.QtBluetooth", "PySide6.QtTest", "PySide6.QtDesigner", "PySide6.QtSql"):
        assert module in excludes


def test_no_qt_module_the_app_imports_is_excluded(spec):
    """Guards the other way: a panel that starts using a Qt module must not lose it in the build."""
    used = set()
    for source in list((ROOT / "ui").rglob("*.py")) + list((ROOT / "commrel").rglob("*.py")):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", source.read_text(encoding="utf-8")))
    excludes = set(spec["steps"]["Analysis"][0].kwargs["excludes"])
    wrongly = sorted(m for m in used if f"PySide6.{m}" in excludes or spec["_unwanted"](f"PySide6/{m}.abi3.so"))
    assert not wrongly, f"packaging/commrel.spec drops Qt modules the app imports: {wrongly}"
    for module in ("QtCharts", "QtPrintSupport", "QtSvg"):
        assert f"PySide6.{module}" in spec["steps"]["Analysis"][0].kwargs["hiddenimports"]


def test_time_zones_resources_and_libraries_are_bundled(spec):
    collected = {call[1] for call in spec["calls"] if call[0] == "collect_data_files"}
    assert {"tzdata", "resources"} <= collected
    datas = spec["steps"]["Analysis"][0].kwargs["datas"]
    assert ("tzdata/data.bin", "tzdata") in datas
    hidden = spec["steps"]["Analysis"][0].kwargs["hiddenimports"]
    for module in ("tzdata", "platformdirs", "defusedxml", "python_calamine", "peewee"):
        assert module in hidden
    icalendar_tests = [c for c in spec["calls"] if c[1] == "icalendar" and c[0] == "collect_data_files"]
    assert icalendar_tests and "tests/**" in icalendar_tests[0][2]["excludes"]


@pytest.mark.parametrize("name", [
    "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
    "PySide6\\Qt6Quick.dll",
    "PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/translations/qtwebengine_de.qm",
    "PySide6/Qt/translations/qt_help_de.qm",
    "PySide6\\opengl32sw.dll",
])
def test_filter_drops_what_the_app_does_not_use(spec, name):
    assert spec["_unwanted"](name)


@pytest.mark.parametrize("name", [
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6Charts.so.6",
    "PySide6/Qt/lib/libQt6OpenGL.so.6",  # QtCharts links it
    "PySide6\\Qt6PrintSupport.dll",
    "PySide6/Qt/lib/QtSvg.framework/Versions/A/QtSvg",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "tzdata/zoneinfo/Europe/London",
    "resources/icons/commrel.svg",
])
def test_filter_keeps_what_the_app_needs(spec, name):
    assert not spec["_unwanted"](name)


def test_qt_translations_follow_the_apps_own(spec, monkeypatch):
    monkeypatch.setitem(spec, "APP_LANGUAGES", ["de", "pt_BR"])
    unwanted = spec["_unwanted"]
    assert not unwanted("PySide6/Qt/translations/qtbase_de.qm")
    assert not unwanted("PySide6/Qt/translations/qtbase_pt_BR.qm")
    assert unwanted("PySide6/Qt/translations/qtbase_fr.qm")
    assert unwanted("PySide6/Qt/translations/qt_de.qm")  # the catalogue that pulls in every module's
    assert not unwanted("resources/translations/commrel_fr.qm")  # the app's own always ship


def test_linux_orphans_are_pruned_but_linked_libraries_kept(spec, monkeypatch, tmp_path):
    links = {"plugin.so": {("libkept.so.1", None)}, "libkept.so.1": {("libdeep.so.2", None)}}
    fake = types.ModuleType("PyInstaller.depend.bindepend")
    fake.get_imports = lambda src, search_paths=None: links.get(src, set())
    monkeypatch.setitem(sys.modules, "PyInstaller.depend.bindepend", fake)
    monkeypatch.setitem(sys.modules, "PyInstaller.depend", types.ModuleType("PyInstaller.depend"))
    monkeypatch.setitem(sys.modules, "PyInstaller", types.ModuleType("PyInstaller"))
    binaries = [
        ("PySide6/Qt/plugins/platforms/plugin.so", "plugin.so", "BINARY"),
        ("libkept.so.1", "libkept.so.1", "BINARY"),
        ("libdeep.so.2", "libdeep.so.2", "BINARY"),
        ("libcairo.so.2", "libcairo.so.2", "BINARY"),  # only the dropped GTK theme used it
        ("libpython3.11.so.1.0", "libpython3.11.so.1.0", "BINARY"),  # the bootloader loads it
    ]
    kept = {entry[0] for entry in spec["_prune_orphans"](binaries)}
    assert kept == {"PySide6/Qt/plugins/platforms/plugin.so", "libkept.so.1", "libdeep.so.2",
                    "libpython3.11.so.1.0"}


def test_macos_bundle_declares_the_app_and_its_documents(spec):
    plist = spec["INFO_PLIST"]
    assert plist["CFBundleName"] == "Commrel"
    assert plist["CFBundleShortVersionString"] == _pyproject_version()
    assert plist["NSHighResolutionCapable"] is True
    assert plist["CFBundleIconFile"] == "commrel.icns"
    extensions = {ext for doc in plist["CFBundleDocumentTypes"] for ext in doc["CFBundleTypeExtensions"]}
    assert {"ics", "xlsx"} <= extensions
    assert all(doc["LSHandlerRank"] == "Alternate" for doc in plist["CFBundleDocumentTypes"])
    exe = spec["steps"]["EXE"][0].kwargs
    assert exe["console"] is False and exe["name"] == "commrel"
    assert spec["steps"]["COLLECT"][0].kwargs["name"] == "commrel"


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_generated_icons_are_present_at_every_size():
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert _png_size(ICONS / f"commrel-{size}.png") == (size, size)
    ico = (ICONS / "commrel.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {(ico[6 + 16 * i] or 256) for i in range(count)}
    assert {16, 24, 32, 48, 64, 128, 256} <= sizes
    icns = (ICONS / "commrel.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    for kind in (b"ic07", b"ic08", b"ic09", b"ic10"):  # 128, 256, 512, 1024 px
        assert kind in icns


def test_icon_svgs_render_with_qt(qapp):
    make_icons = _load("commrel_make_icons", PACKAGING / "make_icons.py")
    for svg, size in ((ICONS / "commrel.svg", 256), (ICONS / "commrel-small.svg", 16)):
        image = make_icons.render_qimage(svg, size)
        middle = image.pixelColor(size // 2, size // 2)
        assert middle.alpha() == 255, svg  # the tile is solid
        assert image.pixelColor(0, 0).alpha() < 255, svg  # rounded corners
    assert make_icons.source_for(16, ICONS / "commrel.svg").name == "commrel-small.svg"
    assert make_icons.source_for(48, ICONS / "commrel.svg").name == "commrel.svg"


def test_windows_installer_is_per_user_with_open_with_entries():
    iss = (PACKAGING / "windows" / "commrel.iss").read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.M)
    assert re.search(r"^AppVersion=\{#AppVersion\}$", iss, re.M)
    assert "{autoprograms}" in iss and "[Icons]" in iss
    for ext in (".ics", ".xlsx"):
        assert re.search(rf'Root: HKA; Subkey: "Software\\Classes\\{re.escape(ext)}\\OpenWithProgids"', iss)
    assert "HKLM" not in iss and "HKCR" not in iss  # nothing machine-wide
    assert "{app}\\{#AppExe}" in iss
    assert (ROOT / "resources" / "icons" / "commrel.ico").exists()


def test_workflow_uses_scripts_that_exist():
    workflow = (ROOT / ".github" / "workflows" / "package.yml").read_text(encoding="utf-8")
    for script in re.findall(r"packaging[/\\][\w/\\.-]+\.(?:sh|ps1|py|iss)", workflow):
        assert (ROOT / script.replace("\\", "/")).exists(), script
    assert "actions/setup-python" in workflow and '"3.11"' in workflow
    # secrets reach the signing scripts only as environment variables, never on a command line
    assert not re.search(r"run:.*secrets\.", workflow)


# ---- packaging/smoke.py's verdicts, against fake apps (one Python line each) ----------

_WRITES_CALENDAR = (
    "import sys, pathlib; db = pathlib.Path(sys.argv[sys.argv.index('--db') + 1]); "
    "db.with_name('smoke.ics').write_text('BEGIN:VEVENT\\nSUMMARY:Smoke test public meeting\\n'); "
    "print('smoke: ok')"
)


@pytest.fixture(scope="module")
def smoke():
    return _load("commrel_smoke", PACKAGING / "smoke.py")


def _fake_app(tmp_path: Path, body: str) -> list[str]:
    script = tmp_path / "fake_app.py"
    script.write_text(body, encoding="utf-8")
    return [sys.executable, str(script)]


def test_smoke_passes_an_app_that_exports_the_event(smoke, tmp_path):
    ok, message = smoke.smoke(_fake_app(tmp_path, _WRITES_CALENDAR), timeout=30)
    assert ok, message
    assert "smoke: ok" in message


def test_smoke_fails_an_app_that_exits_without_a_calendar(smoke, tmp_path):
    ok, message = smoke.smoke(_fake_app(tmp_path, "print('smoke: ok')"), timeout=30)
    assert not ok and "smoke.ics" in message


def test_smoke_fails_a_nonzero_exit(smoke, tmp_path):
    ok, message = smoke.smoke(_fake_app(tmp_path, _WRITES_CALENDAR + "; sys.exit(3)"), timeout=30)
    assert not ok and "exit status 3" in message


def test_smoke_gives_up_on_an_app_that_hangs(smoke, tmp_path):
    ok, message = smoke.smoke(_fake_app(tmp_path, "import time; time.sleep(60)"), timeout=1)
    assert not ok and "no exit after" in message


def test_smoke_says_when_there_is_nothing_built(smoke, tmp_path):
    ok, message = smoke.smoke([str(tmp_path / "dist" / "commrel")], timeout=1)
    assert not ok and "build it first" in message
