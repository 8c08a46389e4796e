@echo off
rem Starts Funnel Studio (Windows) with the Equinox launcher jar: Maven Central, where Funnel Studio
rem is made from, has no native eclipse.exe.
rem
rem   funnel-studio.cmd [-vm JAVA.EXE] [ECLIPSE ARGUMENTS...]
rem
rem Java 21 or later runs it: -vm names java.exe; without it, FUNNEL_STUDIO_JAVA, JAVA_HOME and the
rem java.exe on the PATH are tried, in that order. Eclipse arguments such as -data DIR pass through.
setlocal enabledelayedexpansion
set "HERE=%~dp0"
set "JAVA="
if /i "%~1"=="-vm" (
  set "JAVA=%~2"
  shift
  shift
)
if not defined JAVA if defined FUNNEL_STUDIO_JAVA set "JAVA=%FUNNEL_STUDIO_JAVA%\bin\java.exe"
if not defined JAVA if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA for %%j in (java.exe) do set "JAVA=%%~$PATH:j"
if not defined JAVA (
  echo funnel-studio: no Java found. Funnel Studio needs Java 21 or later: install a JDK and start 1>&2
  echo funnel-studio: with  -vm C:\path\to\jdk\bin\java.exe  or set JAVA_HOME. 1>&2
  exit /b 2
)
set "VERSION="
for /f "tokens=3" %%v in ('"!JAVA!" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version"') do set "VERSION=%%v"
for /f "delims=." %%m in ("!VERSION!") do set "MAJOR=%%m"
if not defined MAJOR set "MAJOR=0"
if !MAJOR! LSS 21 (
  echo funnel-studio: !JAVA! is Java !VERSION!; Funnel Studio needs Java 21 or later. 1>&2
  echo funnel-studio: start it with  -vm C:\path\to\jdk-21-or-later\bin\java.exe  or set JAVA_HOME. 1>&2
  exit /b 2
)
set "LAUNCHER="
for %%f in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%f"
if not defined LAUNCHER (
  echo funnel-studio: no plugins\org.eclipse.equinox.launcher_*.jar in %HERE% 1>&2
  exit /b 2
)
set "ARGS="
:args
if "%~1"=="" goto run
set ARGS=!ARGS! %1
shift
goto args
:run
rem Exit codes 23 and 24 are Eclipse asking to be started again (after installing software or updates,
rem File > Restart); with 24 a native launcher would also take new arguments (File > Switch Workspace).
"!JAVA!" -Xmx2g -jar "!LAUNCHER!" !ARGS!
if !ERRORLEVEL! EQU 23 goto run
if !ERRORLEVEL! EQU 24 goto run
exit /b !ERRORLEVEL!
