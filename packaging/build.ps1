<#
.SYNOPSIS
    Build Commrel for Windows, smoke-run it, and optionally wrap it in the installer.

.DESCRIPTION
    Installs the `package` extra into the project's .venv (or $env:PYTHON), runs PyInstaller
    on packaging\commrel.spec, smoke-runs dist\commrel\commrel.exe offscreen and reports the
    folder's size. -Installer then compiles packaging\windows\commrel.iss with Inno Setup 6
    into dist\commrel-<version>-windows-setup.exe.

    Signing happens only when both WINDOWS_CERTIFICATE (a base64 .pfx) and
    WINDOWS_CERTIFICATE_PASSWORD are set; otherwise the build says it skipped signing.

.EXAMPLE
    packaging\build.ps1                 # build, smoke-run, report size
.EXAMPLE
    packaging\build.ps1 -Installer      # ... and make the installer
.EXAMPLE
    packaging\build.ps1 -SmokeOnly      # smoke-run the bundle already in dist\
#>
param(
    [switch]$SmokeOnly,
    [switch]$Installer
)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

function Invoke-Checked([string]$File, [string[]]$Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

$Python = $env:PYTHON
if (-not $Python) {
    if (-not (Test-Path ".venv\Scripts\python.exe")) { Invoke-Checked "py" @("-3.11", "-m", "venv", ".venv") }
    $Python = ".venv\Scripts\python.exe"
}
$Version = (& $Python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])").Trim()

# --- signing: only where the secrets are present ---------------------------------------
$SignTool = $null
$Pfx = $null
if ($env:WINDOWS_CERTIFICATE -and $env:WINDOWS_CERTIFICATE_PASSWORD) {
    $SignTool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
        Sort-Object FullName | Select-Object -Last 1 -ExpandProperty FullName
    if (-not $SignTool) { throw "WINDOWS_CERTIFICATE is set but signtool.exe (Windows SDK) was not found" }
    $Pfx = Join-Path ([IO.Path]::GetTempPath()) "commrel-signing.pfx"
    [IO.File]::WriteAllBytes($Pfx, [Convert]::FromBase64String($env:WINDOWS_CERTIFICATE))
} else {
    Write-Host "== signing skipped: WINDOWS_CERTIFICATE / WINDOWS_CERTIFICATE_PASSWORD not set"
}
$Timestamp = if ($env:WINDOWS_TIMESTAMP_URL) { $env:WINDOWS_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }

function Invoke-Sign([string]$Path) {
    if (-not $SignTool) { return }
    Write-Host "== signing $Path"
    Invoke-Checked $SignTool @("sign", "/f", $Pfx, "/p", $env:WINDOWS_CERTIFICATE_PASSWORD,
        "/fd", "sha256", "/tr", $Timestamp, "/td", "sha256", $Path)
}

try {
    if (-not $SmokeOnly) {
        Write-Host "== installing the app with its packaging tools"
        Invoke-Checked $Python @("-m", "pip", "install", "-q", "-e", ".[package]")
        Write-Host "== building with PyInstaller"
        Invoke-Checked $Python @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN", "packaging\commrel.spec")
        Invoke-Sign "dist\commrel\commrel.exe"
    }

    Write-Host "== smoke run (offscreen)"
    Invoke-Checked $Python @("packaging\smoke.py", "dist\commrel\commrel.exe")

    $Bytes = (Get-ChildItem "dist\commrel" -Recurse -File | Measure-Object -Property Length -Sum).Sum
    Write-Host ("== bundle size: {0:N0} MB  dist\commrel" -f ($Bytes / 1MB))

    if ($Installer) {
        $Iscc = @(
            (Get-Command iscc.exe -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source),
            "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
            "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
            "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
        ) | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
        if (-not $Iscc) { throw "Inno Setup 6 (ISCC.exe) not found: install it (choco install innosetup)" }
        Write-Host "== making the installer with Inno Setup"
        $IsccArgs = @("/Qp", "/DAppVersion=$Version")
        if ($SignTool) {
            # Inno Setup signs the installer and its uninstaller through this named tool;
            # $q and $f are its own placeholders (a quote, the file to sign).
            $Command = "`$q$SignTool`$q sign /f `$q$Pfx`$q /p `$q$($env:WINDOWS_CERTIFICATE_PASSWORD)`$q /fd sha256 /tr $Timestamp /td sha256 `$f"
            $IsccArgs += @("/DSignTool=commrel", "/Scommrel=$Command")
        }
        Invoke-Checked $Iscc ($IsccArgs + @("packaging\windows\commrel.iss"))
        Write-Host "== installer: dist\commrel-$Version-windows-setup.exe"
    }
} finally {
    if ($Pfx -and (Test-Path $Pfx)) { Remove-Item $Pfx -Force }
}
