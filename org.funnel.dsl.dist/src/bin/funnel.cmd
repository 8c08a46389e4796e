@echo off
rem Funnel DSL's command line on a Java 21 or later: FUNNEL_JAVA_HOME, else JAVA_HOME, else the java on the PATH.
setlocal
set "FUNNEL_HOME=%~dp0.."
set "FUNNEL_JAVA=java"
if defined JAVA_HOME set "FUNNEL_JAVA=%JAVA_HOME%\bin\java"
if defined FUNNEL_JAVA_HOME set "FUNNEL_JAVA=%FUNNEL_JAVA_HOME%\bin\java"
if not defined FUNNEL_JAVA_OPTS set "FUNNEL_JAVA_OPTS=-Xss4m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
"%FUNNEL_JAVA%" %FUNNEL_JAVA_OPTS% -jar "%FUNNEL_HOME%\lib\funnel.jar" %*
exit /b %ERRORLEVEL%
