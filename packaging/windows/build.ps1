# Build the Windows installer on a Windows 10/11 x64 machine with Python 3.11+ and Inno Setup 6.3+.
# Run from the repository root in PowerShell:  powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Result: dist\wusong-setup-<version>.exe (the one-folder build is dist\wusong-<version>\).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

# A separate venv under build\ (ignored by git), so the build never changes another Python setup.
if (-not (Test-Path build\venv)) { py -3 -m venv build\venv }
$py = ".\build\venv\Scripts\python.exe"
& $py -m pip install --upgrade pip
& $py -m pip install -e ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

$version = & $py -c "from desktop import __version__; print(__version__)"
& $py -m PyInstaller --noconfirm --distpath dist --workpath build packaging\pyinstaller\wusong.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
& ".\dist\wusong-$version\wusong.exe" --version
if ($LASTEXITCODE -ne 0) { throw "the frozen CLI does not start" }
# The OCR models and onnxruntime are in the bundle: the frozen CLI reads a specimen ID card.
$expect = & $py -c "from desktop.core.idphoto.specimen import specimen; s = specimen(0); open(r'build\specimen.jpg', 'wb').write(s.jpeg); print(s.truth['id_number'])"
$read = & ".\dist\wusong-$version\wusong.exe" read-id build\specimen.jpg
if ($LASTEXITCODE -ne 0 -or -not (($read -join "`n").Contains($expect))) { throw "the frozen CLI does not read an ID photo" }

$iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
if (-not (Test-Path $iscc)) { $iscc = (Get-Command iscc.exe).Source }
# Older Inno Setup 6 releases lack the Chinese (Simplified) messages: fetch the translation
# maintained in Inno Setup's own repository (this step alone needs the internet).
$isl = Join-Path (Split-Path $iscc) "Languages\ChineseSimplified.isl"
$local = "build\ChineseSimplified.isl"
if (-not (Test-Path $isl) -and -not (Test-Path $local)) {
    foreach ($url in @(
            "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/ChineseSimplified.isl",
            "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/Unofficial/ChineseSimplified.isl")) {
        try { Invoke-WebRequest -Uri $url -OutFile $local; break } catch { Write-Host "not at $url" }
    }
}
& $iscc "/DAppVersion=$version" packaging\windows\wusong.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "安装包已生成：dist\wusong-setup-$version.exe"
