<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Banner</name>
    <message>
        <source>Close message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>GenStudio hit a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Your tasks are safe: they are saved and keep running at the provider. If this happens again, copy the report below and send it to us. It contains no API key. The full log is at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Welcome to GenStudio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GenStudio sends your prompts to an AI media provider and keeps track of every image, video and piece of music it makes. Add your provider&apos;s address and API key to start, or try the built-in demo: it needs no account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExtraParamsEditor</name>
    <message>
        <source>Add parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an extra parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any other field the model accepts, e.g. seed = 42 or enhance_prompt = true. Values are JSON when they parse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is set twice; remove one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; replaces the form&apos;s own “%1” field</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GalleryView</name>
    <message>
        <source>Gallery of finished outputs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenerationForm</name>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider&apos;s model name; type any other name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe what you want to make…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference videos (links)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a watermark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watermark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the job (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add reference images to edit or restyle them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a reference image to animate it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the music or the speech; models give two takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Write a prompt: describe what to make.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model, or type its name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration must be a whole number of seconds, like 8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size must look like 1024x1024.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the advanced parameters: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyPromptDialog</name>
    <message>
        <source>New API key for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks of “%1” are paused; they continue when a working key is entered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No provider yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy task ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy output link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the output with this computer&apos;s player</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit the same request again as a new task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load this task&apos;s request into the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop watching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from the history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a copy of the output elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save all to folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open library folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse settings from a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the settings saved beside an output (its .json file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search prompts, models, task IDs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Videos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch between the task table and a gallery of finished outputs (Ctrl+G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo (built-in simulator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mode: jobs run on GenStudio&apos;s built-in simulator, not a real provider, and make sample pictures, clips and tunes. Add your provider to make real media.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GenStudio — Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a provider first: GenStudio needs its address and your API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider refused the saved key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks of “%1” are paused until a working API key is entered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New key saved; tasks continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save all to folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not copy %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copied %n file(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Image copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GenStudio sidecars (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings loaded from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copied %n task ID(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n link(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Settings loaded into the form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete from history</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n task(s) from the history? Results already made stay at the provider until their links expire.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n task(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MediaPreview</name>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open with system player</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open link in browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outputs of this task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a task to preview its result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image file could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image could not be downloaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image could not be decoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be played here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown format</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferenceImages</name>
    <message>
        <source>Reference images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop images or image files here, or paste with Ctrl+V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image from this computer (sent as data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no image or link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add image link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link to the image (https://…):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add reference images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferenceVideos</name>
    <message>
        <source>Reference videos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an http(s) link to a video.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is a file on this computer. Reference videos must be links: the provider downloads them itself. Upload the video somewhere and add its link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add video link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link to the video (https://…):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. My provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow an insecure (plain http) connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: over plain http your API key crosses the network unencrypted. Only use this on a network you trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest reference image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outputs larger than this are not saved; their links stay in the details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest output to save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for images after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for videos after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for audio after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save images in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save videos in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save audio in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(new provider)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks remember their provider by this name, so it cannot change; add a new provider instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key is saved; type a new one to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste your API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the new provider a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two providers are called “%1”; names must differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: paste the API key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskDetails</name>
    <message>
        <source>Task details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the request again. Check your provider&apos;s dashboard first: the first one may have started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try once more to save the outputs that were not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a task to see its details. Finished results appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) selected.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(image from this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving {0}%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
