; Inno Setup 6 script: a per-user installer for 无讼调解助手 (no administrator rights needed).
; Build on Windows after the PyInstaller build (see packaging/README.md):
;     iscc packaging\windows\wusong.iss
; Upgrades install in place (same AppId); the case data in %LOCALAPPDATA%\wusong is never
; touched by installing, upgrading or uninstalling.

#define AppName "无讼调解助手"
#define AppVersion "0.1.0"
#define AppExe "wusong-desktop.exe"
#define BuildDir "..\..\dist\wusong-" + AppVersion

[Setup]
AppId={{6E3C4A52-8F1B-4C7D-9B5E-2A1D3F4E5C6B}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
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
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面上放一个图标"; GroupDescription: "附加图标："

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "现在打开无讼调解助手"; Flags: nowait postinstall skipifsilent
