; Commrel installer for Windows (Inno Setup 6).
;
;   iscc /DAppVersion=1.2.3 packaging\windows\commrel.iss
;
; Packs the PyInstaller folder dist\commrel\ into dist\commrel-<version>-windows-setup.exe.
; Installs for the current user only: no administrator rights, files under
; %LOCALAPPDATA%\Programs\Commrel, a Start-menu entry, an uninstaller, and "Open with"
; entries for .ics and .xlsx that never take over the user's default program.
; The user's database and backups (%LOCALAPPDATA%\commrel) are never touched, not even
; by the uninstaller. packaging\build.ps1 -Installer runs this with the right version.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\..\dist\commrel"
#endif
#define AppName "Commrel"
#define AppExe "commrel.exe"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{5D359D09-8031-429D-AEBE-8E41A6BCD854}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppComments=Stakeholders, engagement, events and concerns, kept on this computer.
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#SourcePath}..\..\dist
OutputBaseFilename=commrel-{#AppVersion}-windows-setup
SetupIconFile={#SourcePath}..\..\resources\icons\commrel.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes
CloseApplications=yes
#ifdef SignTool
; Defined by build.ps1 only when a signing certificate is available.
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled libraries wholesale, so none of the old ones linger.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Community relations register"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Per-user file associations (HKA is HKCU for a per-user install). Each type gets a
; ProgID listed under OpenWithProgids: Commrel appears in "Open with" and the user's
; default program stays as it was.
Root: HKA; Subkey: "Software\Classes\Commrel.ics"; ValueType: string; ValueName: ""; ValueData: "iCalendar file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Commrel.ics\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\Commrel.ics\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.ics\OpenWithProgids"; ValueType: none; ValueName: "Commrel.ics"; Flags: uninsdeletevalue

Root: HKA; Subkey: "Software\Classes\Commrel.xlsx"; ValueType: string; ValueName: ""; ValueData: "Excel workbook"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Commrel.xlsx\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\Commrel.xlsx\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.xlsx\OpenWithProgids"; ValueType: none; ValueName: "Commrel.xlsx"; Flags: uninsdeletevalue

; The application's own entry, so "Open with > Choose another app" can list it too.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".ics"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".xlsx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
