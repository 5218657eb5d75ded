; Inno Setup 6 script: a per-user installer for 无讼调解助手 (no administrator rights needed).
; Build on Windows after the PyInstaller build (see packaging/README.md):
;     iscc /DAppVersion=X.Y.Z packaging\windows\wusong.iss
; Upgrades install in place (same AppId); the case data in %LOCALAPPDATA%\wusong is never
; touched by installing, upgrading or uninstalling.

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (ArchitecturesAllowed=x64compatible)
#endif

#define AppName "无讼调解助手"
; build.ps1 and the CI workflow pass the version read from desktop/__init__.py:
;     iscc /DAppVersion=0.1.0 packaging\windows\wusong.iss
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\wusong.iss
#endif
#define AppExe "wusong-desktop.exe"
#define BuildDir "..\..\dist\wusong-" + AppVersion

[Setup]
AppId={{6E3C4A52-8F1B-4C7D-9B5E-2A1D3F4E5C6B}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
VersionInfoVersion={#AppVersion}
AppPublisher=无讼调解助手开发组
DefaultDirName={localappdata}\Programs\Wusong
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=wusong-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\wusong.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes
MinVersion=10.0

[Languages]
; The official Chinese (Simplified) messages ship only with the newest Inno Setup releases;
; build.ps1 and the workflow otherwise fetch the translation into build\.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(SourcePath + "..\..\build\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "..\..\build\ChineseSimplified.isl"
#else
  #error ChineseSimplified.isl not found: see packaging/README.md
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面上放一个图标"; GroupDescription: "附加图标："

[InstallDelete]
; An upgrade replaces the program folder's _internal whole, so no library of the old version is
; left beside the new one. Only {app} is touched: the case data lives elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "人民调解员的离线案件助手"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "人民调解员的离线案件助手"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "现在打开无讼调解助手"; Flags: nowait postinstall skipifsilent
