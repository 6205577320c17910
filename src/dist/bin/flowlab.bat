@echo off
rem FlowLab launcher for Windows. Needs a Java 17 (or newer) runtime: the one in JAVA_HOME,
rem else the first "java" on the PATH. Without arguments it opens the window (and closes this
rem console); otherwise it runs the command line, e.g.  bin\flowlab.bat train --help
rem Extra JVM options: set FLOWLAB_JAVA_OPTS=-Xmx4g
setlocal
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
  set "JAVAW=%JAVA_HOME%\bin\javaw.exe"
) else (
  set "JAVA=java.exe"
  set "JAVAW=javaw.exe"
)
set "JV="
for /f "tokens=3" %%v in ('"%JAVA%" -version 2^>^&1 ^| findstr /i "version"') do set "JV=%%~v"
if not defined JV (
  echo flowlab: no Java found. Install a Java 17 ^(or newer^) runtime, e.g. Eclipse Temurin 17 from https://adoptium.net, or set JAVA_HOME. 1>&2
  exit /b 1
)
for /f "delims=." %%m in ("%JV%") do set "MAJOR=%%m"
if "%MAJOR%"=="1" set "MAJOR=8"
if %MAJOR% LSS 17 (
  echo flowlab: %JAVA% is Java %JV%; FlowLab needs Java 17 or newer ^(see INSTALL.txt^). 1>&2
  exit /b 1
)
rem class-data sharing: FlowLab builds this archive for this folder and this Java in the
rem background after its first start; later starts map it and open the window faster
set "CDS=%APP_HOME%\lib\flowlab-java%JV%.jsa"
set OPTS=-XX:SharedArchiveFile="%CDS%" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -Dflowlab.cds.archive="%CDS%" -Dflowlab.cds.classlist="%APP_HOME%\lib\flowlab.classlist" -Dai.djl.offline=true
rem everything FlowLab needs is in lib\: the JavaFX and PyTorch native libraries of Windows are
rem unpacked from their jars on the first start, nothing is downloaded
if "%~1"=="" (
  start "FlowLab" "%JAVAW%" %OPTS% %FLOWLAB_JAVA_OPTS% -cp "%APP_HOME%\lib\*" org.flowlab.app.Launcher
  exit /b 0
)
"%JAVA%" %OPTS% %FLOWLAB_JAVA_OPTS% -cp "%APP_HOME%\lib\*" org.flowlab.app.Launcher %*
exit /b %errorlevel%
