; Inno Setup 6 script: GooseTier for Windows 10/11 (x64), from the PyInstaller one-folder build.
;
;   python packaging\build.py                       builds dist\goosetier\ and, when Inno Setup 6
;                                                   is installed, runs this script
;   ISCC.exe packaging\windows\goosetier.iss        the same by hand (after the folder is built)
;
; Output: dist\GooseTier-<version>-setup.exe. See packaging\README.md (building on Windows,
; signing).
;
; - Installs per user without administrator rights by default ({localappdata}\Programs\GooseTier);
;   an administrator may choose "install for all users" in the first dialog (Program Files).
; - Start-menu and (optional, ticked) desktop shortcuts to GooseTierApp.exe, the windowed program.
;   goosetier.exe beside it is the console program for scripts: "goosetier.exe selftest".
; - Associates no file types and writes no registry keys of its own.
; - The uninstaller removes the program folder only. The registry (台账) and its backups live in
;   %LOCALAPPDATA%\GooseTier (or GOOSETIER_HOME) and are never touched.
; - The version is read from goosetier.exe (whose version resource the spec writes from
;   goosetier/__init__.py), so the installer cannot disagree with the program.

#ifndef BundleDir
  #define BundleDir AddBackslash(SourcePath) + "..\..\dist\goosetier"
#endif
#define AppExe "GooseTierApp.exe"
#define CliExe "goosetier.exe"
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(BundleDir + "\" + CliExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error "dist\goosetier\goosetier.exe has no version: build the folder first (python packaging\build.py)"
#endif
#define AppNumericVersion GetVersionNumbersString(BundleDir + "\" + CliExe)

[Setup]
; Never change AppId: upgrades find the installed copy by it.
AppId={{6C1F3E9A-2B7D-4E55-9A1C-3D8F0B7E4A21}
AppName=GooseTier
AppVerName=GooseTier {#AppVersion}
AppVersion={#AppVersion}
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName=GooseTier 雁阵梯度培育台账
AppPublisher=GooseTier
DefaultDirName={autopf}\GooseTier
DefaultGroupName=GooseTier
DisableProgramGroupPage=yes
; Per user by default; "install for all users" needs an administrator and is offered in a dialog.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#SourcePath}\..\..\dist
OutputBaseFilename=GooseTier-{#AppVersion}-setup
SetupIconFile={#SourcePath}\..\..\resources\icons\goosetier.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=GooseTier 雁阵梯度培育台账 {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=no
ChangesEnvironment=no
; Close a running copy before replacing its files (upgrade, uninstall).
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto
#ifdef SIGN
; ISCC /DSIGN "/Sgoosetier=signtool sign /fd sha256 /tr <timestamp-url> /td sha256 /a $f" ...
SignTool=goosetier
SignedUninstaller=yes
#endif

[Languages]
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(CompilerPath + "Languages\Unofficial\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\Unofficial\ChineseSimplified.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
zh_CN.DesktopIcon=在桌面创建快捷方式
en.DesktopIcon=Create a desktop shortcut
zh_CN.Launch=启动 GooseTier 雁阵梯度培育台账
en.Launch=Start GooseTier
zh_CN.DataKept=GooseTier 已卸载。%n%n您的台账数据库和备份没有删除，仍保存在：%n%1%n%n重新安装后可继续使用；确实不再需要时，可手动删除该文件夹。
en.DataKept=GooseTier has been removed.%n%nYour registry and its backups were kept in:%n%1%n%nA new installation uses them again; delete that folder yourself if you no longer need it.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole bundle: no DLL of an older version may linger beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\GooseTier 雁阵梯度培育台账"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Comment: "GooseTier {#AppVersion}"
Name: "{autodesktop}\GooseTier 雁阵梯度培育台账"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:Launch}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder. Never {localappdata}\GooseTier: the officer's registry and backups.
Type: dirifempty; Name: "{app}"

[Code]
function DataFolder(): String;
begin
  Result := GetEnv('GOOSETIER_HOME');
  if Result = '' then
    Result := ExpandConstant('{localappdata}\GooseTier');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataFolder()) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [DataFolder()]), mbInformation, MB_OK);
end;
