; Inno Setup 6 script: the Windows installer for the one-folder app PyInstaller built.
; Made by `python packaging\build.py` on Windows (it passes /DAppVersion from reader\__init__.py);
; by hand: iscc /DAppVersion=0.1.0 packaging\windows\moedemappe.iss
; Writes dist\Moedemappe-VERSION-setup.exe. A recipe: written for, not yet run on, Windows.
; Per-user by default (no administrator needed), or for all users if the installer is
; started as administrator; Start menu entry, optional desktop icon, uninstaller. The
; member's library (%LOCALAPPDATA%\moedemappe) and notes key (Credential Manager) stay when
; the app is uninstalled.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (packaging\build.py does)
#endif

[Setup]
AppId={{7C1F4E2A-5B0D-4C8E-9A63-2D6F1B8E4A90}
AppName=Mødemappe
AppVersion={#AppVersion}
AppVerName=Mødemappe {#AppVersion}
AppPublisher=Mødemappe contributors
AppCopyright=AGPL-3.0-or-later
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Mødemappe
DefaultGroupName=Mødemappe
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=Moedemappe-{#AppVersion}-setup
SetupIconFile=..\icons\moedemappe.ico
UninstallDisplayIcon={app}\Moedemappe.exe
UninstallDisplayName=Mødemappe
LicenseFile=..\..\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "danish"; MessagesFile: "compiler:Languages\Danish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; everything PyInstaller put in dist\moedemappe: Moedemappe.exe (the window), moedemappe-cli.exe
; (the same app with a console: --self-test and the commands) and _internal\
Source: "..\..\dist\moedemappe\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Mødemappe"; Filename: "{app}\Moedemappe.exe"
Name: "{autodesktop}\Mødemappe"; Filename: "{app}\Moedemappe.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Moedemappe.exe"; Description: "{cm:LaunchProgram,Mødemappe}"; Flags: nowait postinstall skipifsilent
