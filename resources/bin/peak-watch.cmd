@echo off
rem The installed app's peak-watch command (Windows): the app's own binary runs the built CLI
rem as plain Node (ELECTRON_RUN_AS_NODE=1; needs the RunAsNode fuse). No arguments: the app.
setlocal
set "app=%~dp0..\..\Peak Watch.exe"
if "%~1"=="" (
  start "" "%app%"
  exit /b 0
)
set ELECTRON_RUN_AS_NODE=1
"%app%" "%~dp0..\app.asar\out\main\cli.js" %*
exit /b %ERRORLEVEL%
