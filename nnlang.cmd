@echo off
rem Runs the nnlang command line built in this checkout (cli\target\nnlang.jar) with the java of
rem JAVA_HOME when it is set, else the java on the PATH. Extra JVM options can be given in
rem NNLANG_JAVA_OPTS. Exit status: the command's (0 ok, 1 errors in the input, 2 a wrong command
rem line); 2 also when the jar is not built or JAVA_HOME has no java.
setlocal
set "NNLANG_JAR=%~dp0cli\target\nnlang.jar"
if not exist "%NNLANG_JAR%" (
    echo nnlang: %NNLANG_JAR% is not built yet. Build it ^(the command line only, no tests, no data^) with: 1>&2
    echo     cd /d "%~dp0" ^&^& mvn -B -ntp -q -pl cli -am package -DskipTests 1>&2
    exit /b 2
)
set "NNLANG_JAVA=java"
if defined JAVA_HOME set "NNLANG_JAVA=%JAVA_HOME%\bin\java.exe"
if defined JAVA_HOME if not exist "%NNLANG_JAVA%" (
    echo nnlang: JAVA_HOME is %JAVA_HOME%, but there is no %NNLANG_JAVA% 1>&2
    exit /b 2
)
rem Every object on a 64-byte boundary, so that every array's values start at the same offset from a
rem cache line, the placement under which the generated code ran fastest (docs/performance.md);
rem NNLANG_JAVA_OPTS comes after it and can set another.
"%NNLANG_JAVA%" -XX:ObjectAlignmentInBytes=64 %NNLANG_JAVA_OPTS% -jar "%NNLANG_JAR%" %*
exit /b %ERRORLEVEL%
