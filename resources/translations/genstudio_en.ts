<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>FileActions</name>
    <message numerus="yes">
        <source>Copied %n file(s) to %1.</source>
        <translation>
            <numerusform>Copied %n file to %1.</numerusform>
            <numerusform>Copied %n files to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n link(s).</source>
        <translation>
            <numerusform>Copied %n link.</numerusform>
            <numerusform>Copied %n links.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n task ID(s).</source>
        <translation>
            <numerusform>Copied %n task ID.</numerusform>
            <numerusform>Copied %n task IDs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepairedBox</name>
    <message numerus="yes">
        <source>The task history was repaired: %n task(s) recovered.</source>
        <translation>
            <numerusform>The task history was repaired: %n task recovered.</numerusform>
            <numerusform>The task history was repaired: %n tasks recovered.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them from the files saved in your library folders.</source>
        <translation>
            <numerusform>%n of them from the files saved in your library folders.</numerusform>
            <numerusform>%n of them from the files saved in your library folders.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskActions</name>
    <message numerus="yes">
        <source>Sending %n job(s) again.</source>
        <translation>
            <numerusform>Sending %n job again.</numerusform>
            <numerusform>Sending %n jobs again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n task(s) and moved their files to the trash.</source>
        <translation>
            <numerusform>Deleted %n task and moved their files to the trash.</numerusform>
            <numerusform>Deleted %n tasks and moved their files to the trash.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n task(s). Some files could not go to the trash and stay in the library.</source>
        <translation>
            <numerusform>Deleted %n task. Some files could not go to the trash and stay in the library.</numerusform>
            <numerusform>Deleted %n tasks. Some files could not go to the trash and stay in the library.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n task(s); their files stay in the library.</source>
        <translation>
            <numerusform>Deleted %n task; their files stay in the library.</numerusform>
            <numerusform>Deleted %n tasks; their files stay in the library.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Brought back %n task(s).</source>
        <translation>
            <numerusform>Brought back %n task.</numerusform>
            <numerusform>Brought back %n tasks.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskDetails</name>
    <message numerus="yes">
        <source>%n task(s) selected.</source>
        <translation>
            <numerusform>%n task selected.</numerusform>
            <numerusform>%n tasks selected.</numerusform>
        </translation>
    </message>
</context>
</TS>
