# Build the Windows installer on a Windows 10/11 x64 machine with Python 3.11 and Inno Setup 6.
# Run from the repository root in PowerShell:  powershell -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
py -3.11 -m venv .venv-build
.\.venv-build\Scripts\python -m pip install --upgrade pip
.\.venv-build\Scripts\python -m pip install -e ".[build]"
.\.venv-build\Scripts\python -m PyInstaller --noconfirm --distpath dist --workpath build packaging\pyinstaller\wusong.spec
.\dist\wusong-0.1.0\wusong.exe --version
& "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" packaging\windows\wusong.iss
Write-Host "安装包已生成：dist\wusong-setup-0.1.0.exe"
