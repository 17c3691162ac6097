<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About GenStudio</source>
        <translation>关于 GenStudio</translation>
    </message>
    <message>
        <source>A desktop client for AI image, video and music generation.</source>
        <translation>用于 AI 图片、视频和音乐生成的桌面客户端。</translation>
    </message>
    <message>
        <source>Qt %1 · PySide6 %2 · Python %3</source>
        <translation>Qt %1 · PySide6 %2 · Python %3</translation>
    </message>
    <message>
        <source>GenStudio is free software under the MIT licence. It uses Qt and PySide6 (LGPL 3), FFmpeg through Qt Multimedia (LGPL 2.1), httpx and qasync (BSD), keyring and platformdirs (MIT).</source>
        <translation>GenStudio 是基于 MIT 许可证的自由软件。它使用 Qt 和 PySide6（LGPL 3）、通过 Qt Multimedia 使用 FFmpeg（LGPL 2.1）、httpx 和 qasync（BSD）、keyring 和 platformdirs（MIT）。</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>关于 Qt</translation>
    </message>
</context>
<context>
    <name>AddProviderDialog</name>
    <message>
        <source>Add provider</source>
        <translation>添加服务商</translation>
    </message>
    <message>
        <source>Your provider gives you an address and an API key (often on its website, under API keys or Developers).</source>
        <translation>服务商会给你一个地址和一个 API 密钥（通常在其网站的“API 密钥”或“开发者”页面）。</translation>
    </message>
    <message>
        <source>Provider name</source>
        <translation>服务商名称</translation>
    </message>
    <message>
        <source>e.g. My provider</source>
        <translation>例如：我的服务商</translation>
    </message>
    <message>
        <source>Provider address</source>
        <translation>服务商地址</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Paste your API key</source>
        <translation>粘贴你的 API 密钥</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Allow an insecure (plain http) connection</source>
        <translation>允许不安全的（明文 http）连接</translation>
    </message>
    <message>
        <source>Over plain http your API key crosses the network unencrypted. Only use this on a network you trust.</source>
        <translation>使用明文 http 时，你的 API 密钥会未加密地经过网络。只在你信任的网络中使用。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Type the address and paste the key first.</source>
        <translation>请先输入地址并粘贴密钥。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Close message</source>
        <translation>关闭消息</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>GenStudio hit a problem</source>
        <translation>GenStudio 遇到了问题</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Your tasks are safe: they are saved and keep running at the provider. If this happens again, copy the report below and send it to us. It contains no API key. The full log is at %1.</source>
        <translation>出现了意外错误。你的任务是安全的：它们已保存，并会在服务商那里继续运行。如果再次发生，请复制下面的报告发给我们。报告中不含 API 密钥。完整日志位于 %1。</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Welcome to GenStudio</source>
        <translation>欢迎使用 GenStudio</translation>
    </message>
    <message>
        <source>GenStudio sends your prompts to an AI media provider and keeps track of every image, video and piece of music it makes. Add your provider&apos;s address and API key to start, or try the built-in demo: it needs no account.</source>
        <translation>GenStudio 会把你的提示词发送给 AI 媒体服务商，并记录它生成的每一张图片、每一段视频和每一首音乐。添加服务商的地址和 API 密钥即可开始，也可以先试试内置演示：无需账号。</translation>
    </message>
    <message>
        <source>Add provider</source>
        <translation>添加服务商</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>试用演示</translation>
    </message>
</context>
<context>
    <name>ExtraParamsEditor</name>
    <message>
        <source>starts like a list or a group but is not complete ({0}, column {1})</source>
        <translation>看起来像列表或组，但不完整（{0}，第 {1} 列）</translation>
    </message>
    <message>
        <source>sent as true/false</source>
        <translation>以 true/false 发送</translation>
    </message>
    <message>
        <source>sent as a number</source>
        <translation>以数字发送</translation>
    </message>
    <message>
        <source>sent as null</source>
        <translation>以 null 发送</translation>
    </message>
    <message>
        <source>sent as a list or a group</source>
        <translation>以列表或组发送</translation>
    </message>
    <message>
        <source>Add a setting</source>
        <translation>添加设置</translation>
    </message>
    <message>
        <source>Add an extra setting</source>
        <translation>添加一项额外设置</translation>
    </message>
    <message>
        <source>Settings this model understands that the form has no box for, sent with the job as written. For example: seed 42, or negative_prompt blurry.</source>
        <translation>此模型能理解、但表单里没有对应选项的设置，会按原样随任务发送。例如：seed 42，或 negative_prompt blurry。</translation>
    </message>
    <message>
        <source>setting, e.g. seed</source>
        <translation>设置，例如 seed</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>value, e.g. 42</source>
        <translation>值，例如 42</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Remove this setting</source>
        <translation>移除此设置</translation>
    </message>
    <message>
        <source>Remove setting</source>
        <translation>移除设置</translation>
    </message>
    <message>
        <source>Replaces the form&apos;s own “%1” choice.</source>
        <translation>将替代表单中的“%1”选项。</translation>
    </message>
    <message>
        <source>sent as text</source>
        <translation>以文本发送</translation>
    </message>
    <message>
        <source>Numbers, true and false are sent as such; lists like [1, 2] and groups as JSON; anything else as text. Quote a number (&quot;10&quot;) to send it as text.</source>
        <translation>数字、true 和 false 按原样发送；像 [1, 2] 这样的列表和组以 JSON 发送；其他内容以文本发送。给数字加引号（&quot;10&quot;）即以文本发送。</translation>
    </message>
    <message>
        <source>“%1” is set twice; remove one.</source>
        <translation>“%1”设置了两次；请删除一个。</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Saved a copy as %1.</source>
        <translation>已另存副本为 %1。</translation>
    </message>
    <message>
        <source>Save all to folder</source>
        <translation>全部保存到文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n file(s) to %1.</source>
        <translation>
            <numerusform>已复制 %n 个文件到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Image copied.</source>
        <translation>图片已复制。</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n link(s).</source>
        <translation>
            <numerusform>已复制 %n 个链接。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n task ID(s).</source>
        <translation>
            <numerusform>已复制 %n 个任务 ID。</numerusform>
        </translation>
    </message>
    <message>
        <source>Added to the form&apos;s reference images.</source>
        <translation>已加入表单的参考图片。</translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation>重用设置</translation>
    </message>
    <message>
        <source>GenStudio settings files (*.json)</source>
        <translation>GenStudio 设置文件 (*.json)</translation>
    </message>
    <message>
        <source>Settings loaded from %1.</source>
        <translation>已从 %1 载入设置。</translation>
    </message>
</context>
<context>
    <name>FormPanel</name>
    <message>
        <source>New job</source>
        <translation>新任务</translation>
    </message>
    <message>
        <source>Hide the form to give the results more room</source>
        <translation>隐藏表单，给结果更多空间</translation>
    </message>
    <message>
        <source>Hide the form</source>
        <translation>隐藏表单</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Show the form (Ctrl+Enter)</source>
        <translation>显示表单（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Show the form</source>
        <translation>显示表单</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Link expired</source>
        <translation>链接已过期</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>GalleryView</name>
    <message>
        <source>Gallery of finished outputs</source>
        <translation>已完成作品的图库</translation>
    </message>
</context>
<context>
    <name>GenerationForm</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Describe what you want to make…</source>
        <translation>描述你想生成的内容…</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Duration in seconds</source>
        <translation>时长（秒）</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>宽高比</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Duration (s)</source>
        <translation>时长（秒）</translation>
    </message>
    <message>
        <source>Reference images</source>
        <translation>参考图片</translation>
    </message>
    <message>
        <source>Reference videos (links)</source>
        <translation>参考视频（链接）</translation>
    </message>
    <message>
        <source>Add a watermark</source>
        <translation>添加水印</translation>
    </message>
    <message>
        <source>Watermark</source>
        <translation>水印</translation>
    </message>
    <message>
        <source>More settings for the provider</source>
        <translation>给服务商的更多设置</translation>
    </message>
    <message>
        <source>Extra fields sent with the job, for settings the form has no box for</source>
        <translation>随任务发送的额外字段，用于表单中没有的设置</translation>
    </message>
    <message>
        <source>Fix the extra settings: </source>
        <translation>请修正额外设置：</translation>
    </message>
    <message>
        <source>Nothing was sent: see what to fix just above Generate.</source>
        <translation>未发送任何内容：请查看“生成”按钮上方需要修正的地方。</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Start the job (Ctrl+Enter)</source>
        <translation>开始任务（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Price of this job</source>
        <translation>此任务的价格</translation>
    </message>
    <message>
        <source>Reference images (up to %1)</source>
        <translation>参考图片（最多 %1 张）</translation>
    </message>
    <message>
        <source>Add reference images to edit or restyle them.</source>
        <translation>添加参考图片，可对其编辑或改变风格。</translation>
    </message>
    <message>
        <source>Add a reference image to animate it.</source>
        <translation>添加一张参考图片，让它动起来。</translation>
    </message>
    <message>
        <source>Describe the music or the speech; models give two takes.</source>
        <translation>描述音乐或语音；模型会给出两个版本。</translation>
    </message>
    <message>
        <source>Write a prompt: describe what to make.</source>
        <translation>请写提示词：描述要生成的内容。</translation>
    </message>
    <message>
        <source>Choose a model, or type its name.</source>
        <translation>请选择模型，或输入模型名称。</translation>
    </message>
    <message>
        <source>Duration must be a whole number of seconds, like 8.</source>
        <translation>时长必须是整数秒，例如 8。</translation>
    </message>
    <message>
        <source>Size must look like 1024x1024.</source>
        <translation>尺寸的格式应类似 1024x1024。</translation>
    </message>
</context>
<context>
    <name>HistoryProblemDialog</name>
    <message>
        <source>Task history problem</source>
        <translation>任务历史出现问题</translation>
    </message>
    <message>
        <source>GenStudio restarts its window to repair the history. Nothing is deleted: the damaged file is kept beside the new one.</source>
        <translation>GenStudio 会重新打开窗口来修复历史。不会删除任何内容：损坏的文件会保留在新文件旁边。</translation>
    </message>
    <message>
        <source>Nothing is deleted: the damaged file is kept beside the new one.</source>
        <translation>不会删除任何内容：损坏的文件会保留在新文件旁边。</translation>
    </message>
    <message>
        <source>Keep a copy and repair</source>
        <translation>保留副本并修复</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>继续工作</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <source>API key for %1</source>
        <translation>%1 的 API 密钥</translation>
    </message>
    <message>
        <source>Provider: %1</source>
        <translation>服务商：%1</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>粘贴 API 密钥</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Test the key</source>
        <translation>测试密钥</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>保存密钥</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
</context>
<context>
    <name>KeyPrompt</name>
    <message>
        <source>The provider refused the API key of “%1”. Its jobs wait (nothing is lost) until you enter a working key.</source>
        <translation>服务商拒绝了“%1”的 API 密钥。它的任务会等待（不会丢失），直到你输入可用的密钥。</translation>
    </message>
    <message>
        <source>There is no API key for “%1” on this computer yet. Enter it to send jobs; jobs that are waiting go out by themselves.</source>
        <translation>这台电脑上还没有“%1”的 API 密钥。输入后即可发送任务；正在等待的任务会自动发出。</translation>
    </message>
    <message>
        <source>(No keyring works here, so GenStudio keeps the key only until it closes.)</source>
        <translation>（此系统没有可用的密钥环，GenStudio 只在关闭前保留该密钥。）</translation>
    </message>
    <message>
        <source>Enter key</source>
        <translation>输入密钥</translation>
    </message>
    <message>
        <source>The provider refused the saved key for “%1”. Paste a working key; jobs that are waiting continue by themselves.</source>
        <translation>服务商拒绝了为“%1”保存的密钥。请粘贴可用的密钥；正在等待的任务会自动继续。</translation>
    </message>
    <message>
        <source>GenStudio needs your API key for “%1” to send jobs. You find it in your account at the provider.</source>
        <translation>GenStudio 需要你在“%1”的 API 密钥才能发送任务。密钥可在服务商的账户页面找到。</translation>
    </message>
    <message>
        <source>Key saved for %1.</source>
        <translation>已保存 %1 的密钥。</translation>
    </message>
</context>
<context>
    <name>KindButtons</name>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Make %1</source>
        <translation>生成%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <source>Closing as soon as the provider confirms the job being sent (at most %1 s)…</source>
        <translation>正在等待服务商确认正在发送的任务，确认后即关闭（最多 %1 秒）…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Bring back the deleted tasks (Ctrl+Z)</source>
        <translation>恢复已删除的任务（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Add provider</source>
        <translation>添加服务商</translation>
    </message>
    <message>
        <source>Add a provider first: GenStudio needs its address and your API key.</source>
        <translation>请先添加服务商：GenStudio 需要它的地址和你的 API 密钥。</translation>
    </message>
    <message>
        <source>Nothing was sent: no provider yet.</source>
        <translation>未发送任何内容：还没有服务商。</translation>
    </message>
    <message>
        <source>Nothing was sent: no API key.</source>
        <translation>未发送任何内容：没有 API 密钥。</translation>
    </message>
    <message>
        <source>Sent to %1.</source>
        <translation>已发送到 %1。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>MediaPreview</name>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>播放或暂停</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <source>No sound device — playing silently</source>
        <translation>没有声音设备 — 正在静音播放</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Open with system player</source>
        <translation>用系统播放器打开</translation>
    </message>
    <message>
        <source>Open link in browser</source>
        <translation>在浏览器中打开链接</translation>
    </message>
    <message>
        <source>Outputs of this task</source>
        <translation>此任务的作品</translation>
    </message>
    <message>
        <source>Select a task to preview its result.</source>
        <translation>选择一个任务以预览结果。</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Take %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>Clip %1</source>
        <translation>片段 %1</translation>
    </message>
    <message>
        <source>The image file could not be read.</source>
        <translation>无法读取图片文件。</translation>
    </message>
    <message>
        <source>Loading the image…</source>
        <translation>正在载入图片…</translation>
    </message>
    <message>
        <source>The image could not be downloaded: %1</source>
        <translation>无法下载图片：%1</translation>
    </message>
    <message>
        <source>The image could not be decoded.</source>
        <translation>无法解码图片。</translation>
    </message>
    <message>
        <source>Drawing the waveform…</source>
        <translation>正在绘制波形…</translation>
    </message>
    <message>
        <source>The waveform will show once the file is saved.</source>
        <translation>文件保存后将显示波形。</translation>
    </message>
    <message>
        <source>This file cannot be played here: %1</source>
        <translation>无法在这里播放此文件：%1</translation>
    </message>
    <message>
        <source>unknown format</source>
        <translation>未知格式</translation>
    </message>
    <message>
        <source>Videos and music can&apos;t play inside GenStudio: this computer lacks the system libraries {packages}. Install them with “{command}” and restart GenStudio, or open the file with your system&apos;s player.</source>
        <translation>无法在 GenStudio 中播放视频和音乐：这台电脑缺少系统库 {packages}。请用“{command}”安装后重启 GenStudio，或用系统播放器打开文件。</translation>
    </message>
    <message>
        <source>Videos and music can&apos;t play inside GenStudio: Qt&apos;s multimedia part did not load ({problem}). Open the file with your system&apos;s player.</source>
        <translation>无法在 GenStudio 中播放视频和音乐：Qt 的多媒体组件未能加载（{problem}）。请用系统播放器打开文件。</translation>
    </message>
    <message>
        <source>This sound file could not be read, so there is no waveform to show.</source>
        <translation>无法读取此声音文件，因此没有可显示的波形。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The provider address is empty: enter its base URL, for example https://api.example.com.</source>
        <translation>服务商地址为空：请输入它的基础 URL，例如 https://api.example.com。</translation>
    </message>
    <message>
        <source>The provider address {address} has no scheme: start it with https://.</source>
        <translation>服务商地址 {address} 缺少协议：请以 https:// 开头。</translation>
    </message>
    <message>
        <source>The provider address must start with https:// (or http:// for a local server), not {scheme}://.</source>
        <translation>服务商地址必须以 https://（本地服务器可用 http://）开头，而不是 {scheme}://。</translation>
    </message>
    <message>
        <source>The provider address has a bad port: {problem}.</source>
        <translation>服务商地址的端口有误：{problem}。</translation>
    </message>
    <message>
        <source>The provider address has no host name: enter it as https://api.example.com.</source>
        <translation>服务商地址缺少主机名：请按 https://api.example.com 的格式输入。</translation>
    </message>
    <message>
        <source>Put the API key in the key field, not in the address.</source>
        <translation>请把 API 密钥填在密钥栏，而不是地址里。</translation>
    </message>
    <message>
        <source>The provider address should not contain &apos;?&apos; or &apos;#&apos;: enter only the base URL.</source>
        <translation>服务商地址不应包含“?”或“#”：只需输入基础 URL。</translation>
    </message>
    <message>
        <source>{host} would receive your API key over plain http, unencrypted. Use https://, or explicitly allow an insecure connection if you trust this network.</source>
        <translation>{host} 会通过未加密的纯 http 收到你的 API 密钥。请使用 https://；如果你信任这个网络，也可以明确允许不安全的连接。</translation>
    </message>
    <message>
        <source>The connection broke after the request was sent, so the provider may have started (and charged for) this job. Check your provider&apos;s dashboard before submitting it again.</source>
        <extracomment>Called with a sentence and the seconds about to be waited, before a retry.</extracomment>
        <translation>请求发出后连接中断，服务商可能已经开始了这个任务（并已计费）。再次提交前，请先查看服务商的控制台。</translation>
    </message>
    <message>
        <source>The provider is limiting requests (HTTP 429) and nothing was started. Wait a minute and submit again.</source>
        <translation>服务商正在限制请求（HTTP 429），没有任务被启动。请稍等一分钟再提交。</translation>
    </message>
    <message>
        <source>The provider is busy (HTTP 429); trying again in {wait:.0f} s.</source>
        <translation>服务商繁忙（HTTP 429）；{wait:.0f} 秒后重试。</translation>
    </message>
    <message>
        <source>The provider answered with an error (HTTP {status_code}) after receiving the request, so the job may or may not have started. Check your provider&apos;s dashboard before submitting it again.</source>
        <translation>服务商收到请求后返回了错误（HTTP {status_code}），任务可能已开始，也可能没有。再次提交前，请先查看服务商的控制台。</translation>
    </message>
    <message>
        <source>The provider accepted the request but its answer had no readable task id, so the job may have started. Check your provider&apos;s dashboard.</source>
        <translation>服务商接受了请求，但回复中没有可读的任务 ID，任务可能已经开始。请查看服务商的控制台。</translation>
    </message>
    <message>
        <source>The provider&apos;s answer to the submit had no task id.</source>
        <translation>服务商对提交的回复中没有任务 ID。</translation>
    </message>
    <message>
        <source>The provider answered about another task than the one asked for.</source>
        <translation>服务商回答的是另一个任务，而不是所查询的任务。</translation>
    </message>
    <message>
        <source>Cannot reach the provider at {base_url}. Check your internet connection and the provider address.</source>
        <translation>无法连接位于 {base_url} 的服务商。请检查网络连接和服务商地址。</translation>
    </message>
    <message>
        <source>The provider at {base_url} did not answer in time.</source>
        <translation>位于 {base_url} 的服务商没有及时响应。</translation>
    </message>
    <message>
        <source>The connection to the provider at {base_url} broke off.</source>
        <translation>与位于 {base_url} 的服务商的连接中断了。</translation>
    </message>
    <message>
        <source>The provider sent an answer that is not JSON; the address may point to a web page rather than the API.</source>
        <translation>服务商返回的不是 JSON；这个地址可能指向网页而不是 API。</translation>
    </message>
    <message>
        <source>The provider refused the API key (HTTP {status}). Check the key, or set a new one.</source>
        <translation>服务商拒绝了 API 密钥（HTTP {status}）。请检查密钥，或设置新的密钥。</translation>
    </message>
    <message>
        <source>The provider is limiting requests (HTTP 429); GenStudio will slow down.</source>
        <translation>服务商正在限制请求（HTTP 429）；GenStudio 会放慢速度。</translation>
    </message>
    <message>
        <source>The provider had a problem (HTTP {status}). This is usually brief; try again in a moment.</source>
        <translation>服务商出现问题（HTTP {status}）。通常很快会恢复；请稍后再试。</translation>
    </message>
    <message>
        <source>The provider does not know this task. It may belong to another key or provider, or it has been deleted.</source>
        <translation>服务商不认识这个任务。它可能属于其他密钥或服务商，或者已被删除。</translation>
    </message>
    <message>
        <source>The provider has no such endpoint (HTTP 404): check the provider address.</source>
        <translation>服务商没有这个接口（HTTP 404）：请检查服务商地址。</translation>
    </message>
    <message>
        <source>The provider rejected the request: {reason}</source>
        <translation>服务商拒绝了请求：{reason}</translation>
    </message>
    <message>
        <source>The download was stopped; it will be tried again.</source>
        <translation>下载已停止；稍后会重试。</translation>
    </message>
    <message>
        <source>The download ended early; it will be tried again.</source>
        <translation>下载提前结束；稍后会重试。</translation>
    </message>
    <message>
        <source>The output is larger than the {limit:.0f} MB limit and was not saved. To keep it, raise &quot;Largest output to save&quot; in Settings, then press Save again.</source>
        <translation>作品超过 {limit:.0f} MB 的上限，未保存。如需保留，请在设置中调高“保存作品的大小上限”，然后点“重新保存”。</translation>
    </message>
    <message>
        <source>The output host sent the file compressed as “{name}”, which GenStudio cannot read; the download will be tried again.</source>
        <translation>作品所在的服务器以“{name}”压缩发送文件，GenStudio 无法读取；稍后会重新下载。</translation>
    </message>
    <message>
        <source>The output could not be written into {folder}: {problem}.</source>
        <translation>作品无法写入 {folder}：{problem}。</translation>
    </message>
    <message>
        <source>Link expired: the output is no longer available at the provider.</source>
        <translation>链接已过期：服务商那里已不再提供此作品。</translation>
    </message>
    <message>
        <source>The output host answered HTTP {status}; the download will be tried again.</source>
        <translation>作品所在的服务器返回 HTTP {status}；稍后会重新下载。</translation>
    </message>
    <message>
        <source>Too many files with the same name in the folder.</source>
        <translation>文件夹中同名文件太多。</translation>
    </message>
    <message>
        <source>The output could not be downloaded: the connection failed. It will be tried again.</source>
        <translation>无法下载作品：连接失败。稍后会重试。</translation>
    </message>
    <message>
        <source>The output host redirected too many times; the download will be tried again.</source>
        <translation>作品所在的服务器重定向次数过多；稍后会重新下载。</translation>
    </message>
    <message>
        <source>The prompt is empty: describe what you want to make.</source>
        <translation>提示词为空：请描述你想生成的内容。</translation>
    </message>
    <message>
        <source>No model is chosen: pick or type the provider&apos;s model name, for example veo3.</source>
        <translation>尚未选择模型：请选择或输入服务商的模型名称，例如 veo3。</translation>
    </message>
    <message>
        <source>The duration must be a positive number of seconds.</source>
        <translation>时长必须是正的秒数。</translation>
    </message>
    <message>
        <source>Reference videos must be http(s) links; {link} is not one.</source>
        <translation>参考视频必须是 http(s) 链接；{link} 不是。</translation>
    </message>
    <message>
        <source>An extra parameter has no name: type its field name.</source>
        <translation>有一个额外参数没有名称：请输入它的字段名。</translation>
    </message>
    <message>
        <source>The parameter name {key!r} contains spaces; field names have none.</source>
        <translation>参数名 {key!r} 含有空格；字段名不能有空格。</translation>
    </message>
    <message>
        <source>A reference image is empty: remove it or give a link.</source>
        <translation>有一张参考图片是空的：请删除它或提供链接。</translation>
    </message>
    <message>
        <source>A reference image data: URL must be base64-encoded (data:image/png;base64,...).</source>
        <translation>参考图片的 data: URL 必须是 base64 编码（data:image/png;base64,...）。</translation>
    </message>
    <message>
        <source>Reference images must be http(s) links or image data; {link} is neither.</source>
        <translation>参考图片必须是 http(s) 链接或图片数据；{link} 两者都不是。</translation>
    </message>
    <message>
        <source>{link} is not a link or base64 image data: give an http(s) link or a local file.</source>
        <translation>{link} 既不是链接也不是 base64 图片数据：请提供 http(s) 链接或本地文件。</translation>
    </message>
    <message>
        <source>{path} is not a file.</source>
        <translation>{path} 不是文件。</translation>
    </message>
    <message>
        <source>{name} is {size:.1f} MB, over the {limit:.0f} MB limit for reference images: make it smaller or give a link to it instead.</source>
        <translation>{name} 有 {size:.1f} MB，超过参考图片 {limit:.0f} MB 的上限：请把它缩小，或改为提供链接。</translation>
    </message>
    <message>
        <source>{name} does not look like an image (png, jpeg, webp…).</source>
        <translation>{name} 看起来不是图片（png、jpeg、webp…）。</translation>
    </message>
    <message>
        <source>Cannot read {path}: {problem}.</source>
        <translation>无法读取 {path}：{problem}。</translation>
    </message>
    <message>
        <source>The provider sent an answer GenStudio does not understand.</source>
        <extracomment>Deeper than any real answer (a price list is four levels): deeper is hostile, and would make later steps recurse past Python&apos;s limit. A status or submit answer is a few hundred bytes; this leaves room for any extras.</extracomment>
        <translation>服务商返回了 GenStudio 无法理解的回复。</translation>
    </message>
    <message>
        <source>GenStudio could not read the provider&apos;s answer, so the job may have started (and been charged). Check your provider&apos;s dashboard before submitting it again.</source>
        <translation>GenStudio 无法读取服务商的回复，因此该任务可能已经开始（并已扣费）。再次提交之前，请先到服务商的控制台查看。</translation>
    </message>
    <message>
        <source>The provider sent a task status without a task id.</source>
        <translation>服务商返回的任务状态中没有任务 ID。</translation>
    </message>
    <message>
        <source>The provider sent an answer without a task status.</source>
        <translation>服务商的回复中没有任务状态。</translation>
    </message>
    <message>
        <source>No secure keyring works on this system, so the key cannot be stored. Set the GENSTUDIO_API_KEY environment variable instead, or install a keyring service (GNOME Keyring or KWallet).</source>
        <translation>此系统上没有可用的安全密钥环，无法保存密钥。请改为设置 GENSTUDIO_API_KEY 环境变量，或安装密钥环服务（GNOME Keyring 或 KWallet）。</translation>
    </message>
    <message>
        <source>The key is empty: paste the API key from your provider.</source>
        <translation>密钥为空：请粘贴服务商给你的 API 密钥。</translation>
    </message>
    <message>
        <source>The system keyring ({keyring}) refused to read the key ({problem}). Unlock the keyring and try again.</source>
        <translation>系统密钥环（{keyring}）拒绝读取密钥（{problem}）。请解锁密钥环后重试。</translation>
    </message>
    <message>
        <source>The system keyring ({keyring}) refused to store the key ({problem}). Unlock the keyring and try again.</source>
        <translation>系统密钥环（{keyring}）拒绝保存密钥（{problem}）。请解锁密钥环后重试。</translation>
    </message>
    <message>
        <source>The system keyring ({keyring}) refused to delete the key ({problem}). Unlock the keyring and try again.</source>
        <translation>系统密钥环（{keyring}）拒绝删除密钥（{problem}）。请解锁密钥环后重试。</translation>
    </message>
    <message>
        <source>No keyring works on this system: the key is kept in memory for this run only, and you will be asked again next time.</source>
        <translation>此系统上没有可用的密钥环：密钥只在本次运行期间保存在内存中，下次启动时会再次询问。</translation>
    </message>
    <message>
        <source>Stored in {backend}.</source>
        <translation>保存在{backend}中。</translation>
    </message>
    <message>
        <source>Kept in memory for this run only.</source>
        <translation>仅在本次运行期间保存在内存中。</translation>
    </message>
    <message>
        <source>The provider profile {profile_name!r} no longer exists: add it again in Settings to keep following its tasks.</source>
        <translation>服务商配置 {profile_name!r} 已不存在：请在设置中重新添加，以继续跟踪它的任务。</translation>
    </message>
    <message>
        <source>There is no API key for “{profile_name}” on this computer.</source>
        <translation>这台电脑上没有“{profile_name}”的 API 密钥。</translation>
    </message>
    <message>
        <source>Enter the API key first.</source>
        <translation>请先输入 API 密钥。</translation>
    </message>
    <message>
        <source>It offers one model to this key.</source>
        <translation>此密钥可用 1 个模型。</translation>
    </message>
    <message>
        <source>It offers {count} models to this key.</source>
        <translation>此密钥可用 {count} 个模型。</translation>
    </message>
    <message>
        <source>Connected: the provider accepted the key.</source>
        <translation>已连接：服务商接受了此密钥。</translation>
    </message>
    <message>
        <source>The provider refused this key. Check that you copied all of it, and that it is for this provider.</source>
        <translation>服务商拒绝了这个密钥。请检查是否完整复制，以及它是否属于这个服务商。</translation>
    </message>
    <message>
        <source>Connected (the provider asks to slow down for a moment; the key was not refused).</source>
        <translation>已连接（服务商要求暂时放慢速度；密钥没有被拒绝）。</translation>
    </message>
    <message>
        <source>Something answered, but not like a generation API: check the address.</source>
        <translation>有服务响应了，但不像生成 API：请检查地址。</translation>
    </message>
    <message>
        <source>Not saved yet ({user_message}); trying again in {wait:.0f} s.</source>
        <translation>尚未保存（{user_message}）；{wait:.0f} 秒后重试。</translation>
    </message>
    <message>
        <source>GenStudio closed while this request was being sent, so the provider may or may not have started it.</source>
        <translation>发送此请求时 GenStudio 关闭了，服务商可能已开始这个任务，也可能没有。</translation>
    </message>
    <message>
        <source>You stopped watching this task; it may still run at the provider.</source>
        <translation>你已停止跟踪此任务；它可能仍在服务商那里运行。</translation>
    </message>
    <message>
        <source>Dismissed: it was never confirmed by the provider.</source>
        <translation>已忽略：服务商从未确认过此任务。</translation>
    </message>
    <message>
        <source>Not sent: {user_message}</source>
        <translation>未发送：{user_message}</translation>
    </message>
    <message>
        <source>Not sent: GenStudio was closing before this job went out. Nothing was started or charged; use Retry to send it.</source>
        <translation>未发送：此任务发出之前 GenStudio 正在关闭。任务没有开始，也没有扣费；可用“重试”发送。</translation>
    </message>
    <message>
        <source>Not sent yet: the provider asks to slow down (too many requests). Nothing was started; GenStudio sends it again by itself in a moment.</source>
        <translation>尚未发送：服务商要求放慢速度（请求过多）。任务没有开始；GenStudio 稍后会自动再次发送。</translation>
    </message>
    <message>
        <source>Not sent yet: the provider could not be reached. Nothing was started; GenStudio sends it again by itself once it answers.</source>
        <translation>尚未发送：无法连接服务商。任务没有开始；服务商恢复响应后 GenStudio 会自动再次发送。</translation>
    </message>
    <message>
        <source>Not sent: the provider kept asking to slow down for {minutes} min. Nothing was started or charged; use Retry to send it.</source>
        <translation>未发送：服务商在 {minutes} 分钟内一直要求放慢速度。任务没有开始，也没有扣费；可用“重试”发送。</translation>
    </message>
    <message>
        <source>Not sent: the provider could not be reached for {minutes} min. Nothing was started or charged; use Retry to send it.</source>
        <translation>未发送：{minutes} 分钟内一直无法连接服务商。任务没有开始，也没有扣费；可用“重试”发送。</translation>
    </message>
    <message>
        <source>The provider “{profile}” was removed. Add it again under the same name (Settings or Add provider) to keep watching this task.</source>
        <translation>服务商“{profile}”已被移除。用同一名称重新添加（设置或添加服务商）即可继续跟踪此任务。</translation>
    </message>
    <message>
        <source>Can&apos;t reach the provider; GenStudio keeps trying. ({user_message})</source>
        <translation>无法连接服务商；GenStudio 会继续尝试。（{user_message}）</translation>
    </message>
    <message>
        <source>The provider gave no reason.</source>
        <translation>服务商没有给出原因。</translation>
    </message>
    <message>
        <source>The provider reported success but sent no output; a content filter may have removed it.</source>
        <translation>服务商报告成功，但没有返回作品；可能被内容过滤移除了。</translation>
    </message>
    <message>
        <source>GenStudio stopped checking after the time limit; the task may still finish. Use “Check now” to look again.</source>
        <translation>超过时间限制后 GenStudio 已停止检查；任务仍可能完成。可用“立即检查”再看一次。</translation>
    </message>
    <message>
        <source>If your provider&apos;s site lists this job, paste its ID to keep it (“Paste its ID…”); Submit again may charge twice.</source>
        <translation>如果服务商网站上列出了这个任务，粘贴它的 ID 即可保留（“粘贴任务 ID…”）；“再次提交”可能会重复扣费。</translation>
    </message>
    <message>
        <source>The task history at {path} was written by a newer GenStudio (schema {version}); update GenStudio to open it.</source>
        <translation>位于 {path} 的任务历史由更新版本的 GenStudio 写入（结构版本 {version}）；请更新 GenStudio 后再打开。</translation>
    </message>
    <message>
        <source>{name} cannot be read: {problem}.</source>
        <translation>无法读取 {name}：{problem}。</translation>
    </message>
    <message>
        <source>{name} is not a GenStudio sidecar (it is not JSON).</source>
        <translation>{name} 不是 GenStudio 附属文件（它不是 JSON）。</translation>
    </message>
    <message>
        <source>{name} is not a GenStudio sidecar: it has no request to reuse. Pick the .json file saved beside an output.</source>
        <translation>{name} 不是 GenStudio 附属文件：其中没有可复用的请求。请选择保存在作品旁的 .json 文件。</translation>
    </message>
    <message>
        <source>{name} holds a request GenStudio cannot use: {problem}.</source>
        <translation>{name} 中的请求 GenStudio 无法使用：{problem}。</translation>
    </message>
    <message>
        <source>Not sent yet: {reason} It goes out as soon as a working key is entered.</source>
        <translation>尚未发送：{reason} 输入可用的密钥后会立即发出。</translation>
    </message>
    <message>
        <source>Paused: {reason} It continues as soon as a working key is entered.</source>
        <translation>已暂停：{reason} 输入可用的密钥后会立即继续。</translation>
    </message>
    <message>
        <source>Could not copy {name}: {reason}</source>
        <translation>无法复制 {name}：{reason}</translation>
    </message>
    <message>
        <source>Give the new provider a name.</source>
        <translation>请给新的服务商起个名字。</translation>
    </message>
    <message>
        <source>Two providers are called “{name}”; names must differ.</source>
        <translation>有两个服务商都叫“{name}”；名称不能重复。</translation>
    </message>
    <message>
        <source>{name}: paste the API key.</source>
        <translation>{name}：请粘贴 API 密钥。</translation>
    </message>
    <message>
        <source>A provider called “{name}” already exists: choose another name.</source>
        <translation>已有名为“{name}”的服务商：请换一个名称。</translation>
    </message>
    <message>
        <source>Your model file {path} cannot be read ({problem}); GenStudio uses its own model list.</source>
        <extracomment>The request fields the catalog describes (the form&apos;s option boxes and watermark).</extracomment>
        <translation>无法读取你的模型文件 {path}（{problem}）；GenStudio 使用自带的模型列表。</translation>
    </message>
    <message>
        <source>&quot;fields&quot; must be an object like {{&quot;duration&quot;: {{...}}}}</source>
        <translation>&quot;fields&quot; 必须是对象，例如 {{&quot;duration&quot;: {{...}}}}</translation>
    </message>
    <message>
        <source>it is nested too deeply</source>
        <translation>嵌套层级太深</translation>
    </message>
    <message>
        <source>Your model file {path} has a mistake on line {line}: {problem}. GenStudio uses its own model list until it is fixed.</source>
        <translation>你的模型文件 {path} 第 {line} 行有错误：{problem}。修正之前，GenStudio 使用自带的模型列表。</translation>
    </message>
    <message>
        <source>it needs a &quot;models&quot; list of entries</source>
        <translation>需要一个 &quot;models&quot; 条目列表</translation>
    </message>
    <message>
        <source>an entry is not an object</source>
        <translation>有一个条目不是对象</translation>
    </message>
    <message>
        <source>each entry needs an &quot;id&quot; (the model name) and a &quot;kind&quot; (images, videos or audio)</source>
        <translation>每个条目都需要 &quot;id&quot;（模型名称）和 &quot;kind&quot;（images、videos 或 audio）</translation>
    </message>
    <message>
        <source>Your model file {path}, line {line}: {problem}. That entry is left out until it is fixed.</source>
        <translation>你的模型文件 {path} 第 {line} 行：{problem}。修正之前，该条目不会使用。</translation>
    </message>
    <message>
        <source>&quot;fields&quot; of {model} must be an object</source>
        <translation>{model} 的 &quot;fields&quot; 必须是对象</translation>
    </message>
    <message>
        <source>{model} names a field {name!r}; the fields are {known} (others go in the provider&apos;s extra settings)</source>
        <translation>{model} 写了字段 {name!r}；可用字段为 {known}（其他字段请放在服务商的额外设置中）</translation>
    </message>
    <message>
        <source>the field {name} of {model} must be an object</source>
        <translation>{model} 的字段 {name} 必须是对象</translation>
    </message>
    <message>
        <source>the choices of {name} for {model} must be a list of values</source>
        <translation>{model} 的 {name} 选项必须是值的列表</translation>
    </message>
    <message>
        <source>durations of {model} must be whole numbers of seconds, like 8</source>
        <translation>{model} 的时长必须是整数秒，例如 8</translation>
    </message>
    <message>
        <source>the default {name} of {model} ({default}) is not one of its choices</source>
        <translation>{model} 的默认 {name}（{default}）不在其选项中</translation>
    </message>
    <message>
        <source>the type of {name} for {model} must be &quot;integer&quot; or &quot;string&quot;</source>
        <translation>{model} 的 {name} 类型必须是 &quot;integer&quot; 或 &quot;string&quot;</translation>
    </message>
    <message>
        <source>send_as of {name} for {model} must be a field name</source>
        <translation>{model} 的 {name} 的 send_as 必须是字段名</translation>
    </message>
    <message>
        <source>{key} of {model} must be a whole number, like 4</source>
        <translation>{model} 的 {key} 必须是整数，例如 4</translation>
    </message>
    <message>
        <source>{model} does not take {field}: leave it out, or send it as an extra setting if your provider says otherwise.</source>
        <translation>{model} 不接受{field}：请不要设置；如果服务商另有说明，可作为额外设置发送。</translation>
    </message>
    <message>
        <source>{model} takes a duration of {choices} seconds; {value} is not one.</source>
        <translation>{model} 的时长只能是 {choices} 秒；{value} 不在其中。</translation>
    </message>
    <message>
        <source>{model} takes {field} of {choices}; {value} is not one.</source>
        <translation>{model} 的{field}只能是 {choices}；{value} 不在其中。</translation>
    </message>
    <message>
        <source>{model} takes at most {most} reference image(s); remove {extra}.</source>
        <translation>{model} 最多接受 {most} 张参考图片；请移除 {extra} 张。</translation>
    </message>
    <message>
        <source>{model} needs a reference image to start from: add one.</source>
        <translation>{model} 需要一张参考图片作为起点：请添加一张。</translation>
    </message>
    <message>
        <source>{model} takes at most {most} reference video(s); remove {extra}.</source>
        <translation>{model} 最多接受 {most} 个参考视频；请移除 {extra} 个。</translation>
    </message>
    <message>
        <source>The prompt is {count} characters long; {model} takes at most {limit}.</source>
        <translation>提示词有 {count} 个字符；{model} 最多接受 {limit} 个。</translation>
    </message>
    <message>
        <source>a duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>an aspect ratio</source>
        <translation>画面比例</translation>
    </message>
    <message>
        <source>a size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>a resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>a watermark setting</source>
        <translation>水印设置</translation>
    </message>
    <message>
        <source>{first} or {last}</source>
        <translation>{first} 或 {last}</translation>
    </message>
    <message>
        <source>Change the limit in Money → Prices and budget.</source>
        <translation>可在“费用 → 价格与预算”中修改限额。</translation>
    </message>
    <message>
        <source>These {count} jobs cost about {price} together, more than the {threshold} above which you asked to be asked. Send them?</source>
        <translation>这 {count} 个任务合计约 {price}，超过了你设定的需确认金额 {threshold}。要发送吗？</translation>
    </message>
    <message>
        <source>Not sent: this job (≈ {price}) would go over your daily limit of {cap} for {provider}; {left} is left today.</source>
        <translation>未发送：此任务（≈ {price}）会超出你为 {provider} 设置的每日限额 {cap}；今天还剩 {left}。</translation>
    </message>
    <message>
        <source>Not sent: these {count} jobs (≈ {price} together) would go over your daily limit of {cap} for {provider}; {left} is left today.</source>
        <translation>未发送：这 {count} 个任务（合计 ≈ {price}）会超出你为 {provider} 设定的每日上限 {cap}；今天还剩 {left}。</translation>
    </message>
    <message>
        <source>Not sent: this job (≈ {price}) would go over your monthly limit of {cap} for {provider}; {left} is left this month.</source>
        <translation>未发送：此任务（≈ {price}）会超出你为 {provider} 设置的每月限额 {cap}；本月还剩 {left}。</translation>
    </message>
    <message>
        <source>Not sent: these {count} jobs (≈ {price} together) would go over your monthly limit of {cap} for {provider}; {left} is left this month.</source>
        <translation>未发送：这 {count} 个任务（合计 ≈ {price}）会超出你为 {provider} 设定的每月上限 {cap}；本月还剩 {left}。</translation>
    </message>
    <message>
        <source>This job costs about {price}, more than the {threshold} above which you asked to be asked. Send it?</source>
        <translation>此任务约需 {price}，超过了你设置的确认金额 {threshold}。仍要发送吗？</translation>
    </message>
    <message>
        <source>{price} a job, as {provider} publishes it</source>
        <translation>每个任务 {price}，{provider} 公布的价格</translation>
    </message>
    <message>
        <source>the provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>, × {count} pictures</source>
        <translation>，× {count} 张图片</translation>
    </message>
    <message>
        <source>{price} a second from your price table; choose a duration to see the total</source>
        <translation>你的价格表：每秒 {price}；选择时长即可看到总价</translation>
    </message>
    <message>
        <source>{price} a second × {seconds} s, from your price table</source>
        <translation>每秒 {price} × {seconds} 秒，来自你的价格表</translation>
    </message>
    <message>
        <source>{price} a job, from your price table</source>
        <translation>每个任务 {price}，来自你的价格表</translation>
    </message>
    <message>
        <source>{provider} bills this model by usage (rate ×{ratio:g}), so the price is known only afterwards. Enter a price in Money → Prices and budget to see one here.</source>
        <translation>{provider} 按用量为此模型计费（倍率 ×{ratio:g}），因此价格要在完成后才知道。在“费用 → 价格与预算”中填写价格即可在此看到。</translation>
    </message>
    <message>
        <source>The provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Paste the task ID first: your provider&apos;s site lists it with each job.</source>
        <translation>请先粘贴任务 ID：服务商网站会在每个任务旁列出它。</translation>
    </message>
    <message>
        <source>That does not look like a task ID: an ID is one word of letters, digits and signs such as - or _, at most {limit} characters. Copy it again from your provider&apos;s site.</source>
        <translation>这看起来不像任务 ID：ID 是由字母、数字和 - 或 _ 等符号组成的一个词，最多 {limit} 个字符。请从服务商网站重新复制。</translation>
    </message>
    <message>
        <source>The output link is not a web (http or https) address, so GenStudio does not download it. Open the task&apos;s link from the provider&apos;s site if you need it.</source>
        <translation>作品链接不是网页（http 或 https）地址，GenStudio 不会下载它。如有需要，请到服务商网站上打开该任务的链接。</translation>
    </message>
    <message>
        <source>The output link held your API key, so GenStudio does not download it: the key would go to whoever serves the file. Ask your provider for links without it.</source>
        <translation>作品链接中含有你的 API 密钥，因此 GenStudio 不会下载它：密钥会被发送给提供该文件的一方。请向服务商索取不含密钥的链接。</translation>
    </message>
    <message>
        <source>The output link leads to {address}, an address on this computer&apos;s own network that GenStudio does not download from. Ask the provider why its link points there.</source>
        <translation>作品链接指向 {address}，这是本机所在网络内部的地址，GenStudio 不会从这里下载。请询问服务商为何链接指向该地址。</translation>
    </message>
    <message>
        <source>Saving is paused: {folder} is full, and the outputs waiting need {size} free there. Free some space or choose another library folder in Settings; saving resumes by itself.</source>
        <translation>保存已暂停：{folder} 已满，等待保存的作品需要那里有 {size} 可用空间。请清理一些空间，或在设置中选择其他作品库文件夹；保存会自动继续。</translation>
    </message>
    <message>
        <source>Saving is paused: {folder} is full (less than {size} free). Free some space or choose another library folder in Settings; saving resumes by itself.</source>
        <translation>保存已暂停：{folder} 已满（可用空间不足 {size}）。请清理一些空间，或在设置中选择其他作品库文件夹；保存会自动继续。</translation>
    </message>
    <message>
        <source>Saving is paused: {folder} cannot be written to (it is read-only or not yours). Make it writable or choose another library folder in Settings; saving resumes by itself.</source>
        <translation>保存已暂停：{folder} 无法写入（它是只读的，或不属于你）。请让它可写，或在设置中选择其他作品库文件夹；保存会自动继续。</translation>
    </message>
    <message>
        <source>Saving is paused: {folder} is not there (is its drive connected?). Connect it or choose another library folder in Settings; saving resumes by itself.</source>
        <translation>保存已暂停：{folder} 不存在（它所在的磁盘连接了吗？）。请连接磁盘，或在设置中选择其他作品库文件夹；保存会自动继续。</translation>
    </message>
    <message>
        <source>Saving is paused: GenStudio cannot write into {folder} ({problem}). Choose another library folder in Settings if this lasts; saving resumes by itself.</source>
        <translation>保存已暂停：GenStudio 无法写入 {folder}（{problem}）。如果问题持续，请在设置中选择其他作品库文件夹；保存会自动继续。</translation>
    </message>
    <message>
        <source>Waiting for room in {folder}; saving resumes by itself.</source>
        <translation>正在等待 {folder} 腾出空间；保存会自动继续。</translation>
    </message>
    <message>
        <source>{size:.1f} GB</source>
        <translation>{size:.1f} GB</translation>
    </message>
    <message>
        <source>{size:.0f} MB</source>
        <translation>{size:.0f} MB</translation>
    </message>
    <message>
        <source>GenStudio cannot write its task history at {path}: the file or its folder is read-only. Give your user account write permission to {folder}, then try again.</source>
        <translation>GenStudio 无法写入位于 {path} 的任务历史：该文件或其所在文件夹是只读的。请为你的用户账户授予 {folder} 的写入权限，然后重试。</translation>
    </message>
    <message>
        <source>The task history at {path} is locked by another program (another GenStudio, a genstudio-cli command or a database tool). Close it or wait for it to finish, then try again.</source>
        <translation>位于 {path} 的任务历史被另一个程序锁定（另一个 GenStudio、genstudio-cli 命令或数据库工具）。请关闭它或等待其完成，然后重试。</translation>
    </message>
    <message>
        <source>The task history at {path} is damaged and cannot be read completely. GenStudio can keep a copy of it and start a repaired history with every task that can still be read.</source>
        <translation>位于 {path} 的任务历史已损坏，无法完整读取。GenStudio 可以保留它的副本，并用所有仍可读取的任务开始一份修复后的历史。</translation>
    </message>
    <message>
        <source>The task history at {path} is empty (0 bytes): it was cut short, for example by a full disk or a crash. GenStudio can keep a copy of it and start a new history with the tasks whose results are saved in your library folders.</source>
        <translation>位于 {path} 的任务历史是空的（0 字节）：它被截断了，例如因为磁盘已满或程序崩溃。GenStudio 可以保留它的副本，并用结果已保存在媒体库文件夹中的任务开始一份新的历史。</translation>
    </message>
    <message>
        <source>The disk holding the task history at {path} is full. Free some space on it, then try again.</source>
        <translation>存放任务历史 {path} 的磁盘已满。请释放一些空间，然后重试。</translation>
    </message>
    <message>
        <source>The task history at {path} cannot be used ({detail}). Check that the disk is connected and works, then try again.</source>
        <translation>位于 {path} 的任务历史无法使用（{detail}）。请检查磁盘是否已连接并正常工作，然后重试。</translation>
    </message>
    <message>
        <source>Start the GenStudio window to repair it; genstudio-cli does not change a damaged history.</source>
        <translation>请打开 GenStudio 窗口来修复它；genstudio-cli 不会改动已损坏的历史。</translation>
    </message>
    <message>
        <source>GenStudio is already running with this task history but does not answer. Close it (or end it in your task manager), then start GenStudio again.</source>
        <translation>GenStudio 已在使用这份任务历史运行，但没有响应。请关闭它（或在任务管理器中结束它），然后再次启动 GenStudio。</translation>
    </message>
</context>
<context>
    <name>ModelBox</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The provider&apos;s model name; type any other name</source>
        <translation>服务商的模型名称；也可以输入其他名称</translation>
    </message>
    <message>
        <source>Not offered by %1:</source>
        <translation>%1 未提供：</translation>
    </message>
    <message>
        <source>this provider</source>
        <translation>此服务商</translation>
    </message>
    <message>
        <source>Your key is not listed for this model: the provider will probably refuse it.</source>
        <translation>你的密钥不能使用此模型：服务商很可能会拒绝。</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>GenStudio does not know this model, so every setting is shown.</source>
        <translation>GenStudio 不认识此模型，因此显示所有设置。</translation>
    </message>
    <message>
        <source>Not offered by %1 for your key.</source>
        <translation>%1 未向你的密钥提供此模型。</translation>
    </message>
</context>
<context>
    <name>MoneyDialog</name>
    <message>
        <source>Prices and budget — %1</source>
        <translation>价格与预算 — %1</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Generate refuses a job that would go over a limit, and asks before one over the amount you set. Jobs already sent are never stopped.</source>
        <translation>会超出限额的任务不会发送；超过你设定金额的任务会先询问你。已发送的任务不会被停止。</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Daily limit</source>
        <translation>每日限额</translation>
    </message>
    <message>
        <source>Monthly limit</source>
        <translation>每月限额</translation>
    </message>
    <message>
        <source>Never ask</source>
        <translation>从不询问</translation>
    </message>
    <message>
        <source>Your prices</source>
        <translation>你的价格</translation>
    </message>
    <message>
        <source>Where your provider publishes no prices, enter what a model costs, to see it before Generate and in Spending.</source>
        <translation>如果服务商没有公布价格，可在此填写模型的价格，以便在生成前和“花费”中看到。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Price ($)</source>
        <translation>价格（美元）</translation>
    </message>
    <message>
        <source>Per</source>
        <translation>计价单位</translation>
    </message>
    <message>
        <source>Add a price</source>
        <translation>添加价格</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Gateways count balance in quota units; most use 500,000 per US dollar. Change this only if your provider says so.</source>
        <translation>网关以额度单位计算余额；大多数为每美元 500,000。仅在服务商说明时才修改。</translation>
    </message>
    <message>
        <source>The daily limit must be an amount in dollars, like 10, or left empty.</source>
        <translation>每日限额必须是美元金额，例如 10，或留空。</translation>
    </message>
    <message>
        <source>The monthly limit must be an amount in dollars, like 100, or left empty.</source>
        <translation>每月限额必须是美元金额，例如 100，或留空。</translation>
    </message>
    <message>
        <source>“Ask before jobs over” must be an amount in dollars, like 2, or left empty.</source>
        <translation>“任务超过此金额时询问”必须是美元金额，例如 2，或留空。</translation>
    </message>
    <message>
        <source>Quota units per dollar must be a whole number from 1 to 1,000,000, like 500,000.</source>
        <translation>每美元额度单位必须是 1 到 1,000,000 之间的整数，例如 500,000。</translation>
    </message>
    <message>
        <source>Quota units per dollar</source>
        <translation>每美元额度单位</translation>
    </message>
    <message>
        <source>Ask before jobs over</source>
        <translation>任务超过此金额时询问</translation>
    </message>
    <message>
        <source>model name</source>
        <translation>模型名称</translation>
    </message>
    <message>
        <source>a job</source>
        <translation>每个任务</translation>
    </message>
    <message>
        <source>a second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>A price has no model: type the model&apos;s name.</source>
        <translation>有一个价格没有模型：请输入模型名称。</translation>
    </message>
    <message>
        <source>%1 is in the table twice: keep one.</source>
        <translation>%1 在表中出现了两次：请只保留一个。</translation>
    </message>
    <message>
        <source>The price of %1 must be an amount in dollars, like 0.40.</source>
        <translation>%1 的价格必须是美元金额，例如 0.40。</translation>
    </message>
</context>
<context>
    <name>MoneyFlow</name>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Spending…</source>
        <translation>花费…</translation>
    </message>
    <message>
        <source>Prices and budget…</source>
        <translation>价格与预算…</translation>
    </message>
    <message>
        <source>Check balance now</source>
        <translation>立即查看余额</translation>
    </message>
    <message>
        <source>Balance: unlimited</source>
        <translation>余额：不限</translation>
    </message>
    <message>
        <source>Balance: %1</source>
        <translation>余额：%1</translation>
    </message>
    <message>
        <source>What is left on your key at %1, checked at %2. Click to check again.</source>
        <translation>你的密钥在 %1 的剩余额度，%2 查询。点击再次查询。</translation>
    </message>
    <message>
        <source>Price after the job</source>
        <translation>完成后计价</translation>
    </message>
    <message>
        <source>Over your budget</source>
        <translation>超出预算</translation>
    </message>
    <message>
        <source>Send this job?</source>
        <translation>发送此任务？</translation>
    </message>
    <message>
        <source>Send these jobs?</source>
        <translation>发送这些任务？</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>没有发送任何内容。</translation>
    </message>
    <message>
        <source>Add a provider first: prices and budgets are per provider.</source>
        <translation>请先添加服务商：价格和预算按服务商设置。</translation>
    </message>
    <message>
        <source>Prices and budget saved for %1.</source>
        <translation>已保存 %1 的价格与预算。</translation>
    </message>
</context>
<context>
    <name>PromptCounter</name>
    <message>
        <source>Characters in the prompt, and the most it can have</source>
        <translation>提示词的字数，以及最多可用的字数</translation>
    </message>
    <message>
        <source>The prompt is %1 characters long; this model takes at most %2. Shorten it by %3 characters.</source>
        <translation>提示词有 %1 个字符，此模型最多接受 %2 个。请删减 %3 个字符。</translation>
    </message>
</context>
<context>
    <name>ProviderFlow</name>
    <message>
        <source>Demo (built-in simulator)</source>
        <translation>演示（内置模拟器）</translation>
    </message>
    <message>
        <source>Demo mode: jobs run on GenStudio&apos;s built-in simulator, not a real provider, and make sample pictures, clips and tunes. Add your provider to make real media.</source>
        <translation>演示模式：任务在 GenStudio 内置的模拟器上运行，而不是真实的服务商，会生成示例图片、短片和乐曲。添加你的服务商即可制作真实的媒体。</translation>
    </message>
    <message>
        <source>Add provider</source>
        <translation>添加服务商</translation>
    </message>
    <message>
        <source>GenStudio — Demo</source>
        <translation>GenStudio — 演示</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <source>Added %1: new jobs go there.</source>
        <translation>已添加 %1：新任务将发送到这里。</translation>
    </message>
</context>
<context>
    <name>ReferenceImages</name>
    <message>
        <source>The pasted image is {size:.1f} MB as PNG, over the {limit:.0f} MB limit: paste a smaller image or a link.</source>
        <translation>粘贴的图片转为 PNG 后有 {size:.1f} MB，超过 {limit:.0f} MB 的上限：请粘贴更小的图片或链接。</translation>
    </message>
    <message>
        <source>Reference images</source>
        <translation>参考图片</translation>
    </message>
    <message>
        <source>Drop images or image files here, or paste with Ctrl+V</source>
        <translation>把图片或图片文件拖到这里，或用 Ctrl+V 粘贴</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>链接…</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>%1, from this computer</source>
        <translation>%1，来自本机</translation>
    </message>
    <message>
        <source>A picture from this computer</source>
        <translation>来自本机的图片</translation>
    </message>
    <message>
        <source>The clipboard holds no image or link.</source>
        <translation>剪贴板中没有图片或链接。</translation>
    </message>
    <message>
        <source>Add image link</source>
        <translation>添加图片链接</translation>
    </message>
    <message>
        <source>Link to the image (https://…):</source>
        <translation>图片链接（https://…）：</translation>
    </message>
    <message>
        <source>Add reference images</source>
        <translation>添加参考图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.gif *.bmp)</translation>
    </message>
</context>
<context>
    <name>ReferenceVideos</name>
    <message>
        <source>Reference videos</source>
        <translation>参考视频</translation>
    </message>
    <message>
        <source>Link…</source>
        <translation>链接…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>“%1” is not an http(s) link to a video.</source>
        <translation>“%1”不是指向视频的 http(s) 链接。</translation>
    </message>
    <message>
        <source>“%1” is a file on this computer. Reference videos must be links: the provider downloads them itself. Upload the video somewhere and add its link.</source>
        <translation>“%1”是本机上的文件。参考视频必须是链接：服务商会自行下载。请先把视频上传到某处，再添加它的链接。</translation>
    </message>
    <message>
        <source>Add video link</source>
        <translation>添加视频链接</translation>
    </message>
    <message>
        <source>Link to the video (https://…):</source>
        <translation>视频链接（https://…）：</translation>
    </message>
</context>
<context>
    <name>RepairedBox</name>
    <message numerus="yes">
        <source>The task history was repaired: %n task(s) recovered.</source>
        <translation>
            <numerusform>任务历史已修复：找回了 %n 个任务。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them from the files saved in your library folders.</source>
        <translation>
            <numerusform>其中 %n 个来自媒体库文件夹中已保存的文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>The damaged file is kept as %1.</source>
        <translation>损坏的文件已保留为 %1。</translation>
    </message>
</context>
<context>
    <name>RequestWords</name>
    <message>
        <source>{name} (link from {host})</source>
        <translation>{name}（来自 {host} 的链接）</translation>
    </message>
    <message>
        <source>a picture</source>
        <translation>一张图片</translation>
    </message>
    <message>
        <source>{name} (from this computer)</source>
        <translation>{name}（来自本机）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>宽高比</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Reference image</source>
        <translation>参考图片</translation>
    </message>
    <message>
        <source>Reference video</source>
        <translation>参考视频</translation>
    </message>
    <message>
        <source>Watermark</source>
        <translation>水印</translation>
    </message>
</context>
<context>
    <name>SavePauseBanner</name>
    <message>
        <source>Try now</source>
        <translation>立即重试</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Provider profiles</source>
        <translation>服务商配置</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>配置名称</translation>
    </message>
    <message>
        <source>e.g. My provider</source>
        <translation>例如：我的服务商</translation>
    </message>
    <message>
        <source>Provider address</source>
        <translation>服务商地址</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Allow an insecure (plain http) connection</source>
        <translation>允许不安全的（纯 http）连接</translation>
    </message>
    <message>
        <source>Warning: over plain http your API key crosses the network unencrypted. Only use this on a network you trust.</source>
        <translation>警告：使用纯 http 时，你的 API 密钥会以明文在网络上传输。只在你信任的网络中使用。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Prices and budget…</source>
        <translation>价格与预算…</translation>
    </message>
    <message>
        <source>Your spending limits for this provider, and prices it does not publish</source>
        <translation>此服务商的花费上限，以及它未公布的价格</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Takes effect the next time GenStudio starts.</source>
        <translation>下次启动 GenStudio 时生效。</translation>
    </message>
    <message>
        <source>Tell me when a task ends while GenStudio is in the background</source>
        <translation>GenStudio 在后台时，任务结束后通知我</translation>
    </message>
    <message>
        <source>Largest reference image</source>
        <translation>参考图片上限</translation>
    </message>
    <message>
        <source>Outputs larger than this are not saved; their links stay in the details.</source>
        <translation>超过此大小的作品不会保存；它们的链接保留在详情中。</translation>
    </message>
    <message>
        <source>Largest output to save</source>
        <translation>保存作品的大小上限</translation>
    </message>
    <message>
        <source>Stop waiting for images after</source>
        <translation>图片最长等待</translation>
    </message>
    <message>
        <source>Stop waiting for videos after</source>
        <translation>视频最长等待</translation>
    </message>
    <message>
        <source>Stop waiting for audio after</source>
        <translation>音频最长等待</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Save images in</source>
        <translation>图片保存到</translation>
    </message>
    <message>
        <source>Save videos in</source>
        <translation>视频保存到</translation>
    </message>
    <message>
        <source>Save audio in</source>
        <translation>音频保存到</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>(new provider)</source>
        <translation>（新服务商）</translation>
    </message>
    <message>
        <source>Tasks remember their provider by this name, so it cannot change; add a new provider instead.</source>
        <translation>任务通过这个名称记住它们的服务商，所以名称不能修改；请改为添加新的服务商。</translation>
    </message>
    <message>
        <source>A key is saved; type a new one to replace it</source>
        <translation>已保存密钥；输入新密钥可替换</translation>
    </message>
    <message>
        <source>Paste your API key</source>
        <translation>粘贴你的 API 密钥</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>at most %1 a day</source>
        <translation>每天最多 %1</translation>
    </message>
    <message>
        <source>at most %1 a month</source>
        <translation>每月最多 %1</translation>
    </message>
    <message>
        <source>asks before jobs over %1</source>
        <translation>超过 %1 的任务先询问</translation>
    </message>
    <message>
        <source>one price of your own</source>
        <translation>1 个自定价格</translation>
    </message>
    <message>
        <source>%1 prices of your own</source>
        <translation>%1 个自定价格</translation>
    </message>
    <message>
        <source>No limits set.</source>
        <translation>未设上限。</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>SpendingDialog</name>
    <message>
        <source>Spending</source>
        <translation>花费</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>所有服务商</translation>
    </message>
    <message>
        <source>Counts jobs the provider accepted, at the price known when they were sent; failed jobs are usually refunded and are left out.</source>
        <translation>统计服务商已接受的任务，按发送时已知的价格计算；失败的任务通常会退款，不计入。</translation>
    </message>
    <message>
        <source>No priced jobs in the last 30 days. Prices appear when your provider publishes them or you enter them in Money → Prices and budget.</source>
        <translation>最近 30 天没有带价格的任务。服务商公布价格，或你在“费用 → 价格与预算”中填写后，价格就会显示。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Today %1 · This month %2 · Last 30 days %3</source>
        <translation>今天 %1 · 本月 %2 · 最近 30 天 %3</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>MMM d</source>
        <comment>a day on the chart&apos;s axis, as QDate formats it</comment>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>Export spending</source>
        <translation>导出花费</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>The spending could not be saved to %1 (%2). Choose another folder.</source>
        <translation>无法将花费保存到 %1（%2）。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>SpendingModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>花费</translation>
    </message>
</context>
<context>
    <name>TaskActions</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the result with this computer&apos;s viewer or player</source>
        <translation>用本机的查看器或播放器打开结果</translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation>重用设置</translation>
    </message>
    <message>
        <source>Load this job&apos;s prompt and settings into the form</source>
        <translation>把此任务的提示词和设置载入表单</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Send the same job again</source>
        <translation>再次发送同一任务</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <source>Ask the provider about this job now</source>
        <translation>立即向服务商查询此任务</translation>
    </message>
    <message>
        <source>Submit again</source>
        <translation>再次提交</translation>
    </message>
    <message>
        <source>Send the request again. Check your provider&apos;s dashboard first: the first one may have started.</source>
        <translation>再次发送请求。请先查看服务商的控制台：第一次的请求可能已经开始。</translation>
    </message>
    <message>
        <source>Paste its ID…</source>
        <translation>粘贴任务 ID…</translation>
    </message>
    <message>
        <source>If your provider&apos;s site lists this job, paste its ID: GenStudio follows it and saves the result, and nothing is paid again.</source>
        <translation>如果服务商网站上列出了这个任务，请粘贴它的 ID：GenStudio 会跟踪它并保存结果，不会重复付费。</translation>
    </message>
    <message>
        <source>Import task ID…</source>
        <translation>导入任务 ID…</translation>
    </message>
    <message>
        <source>Follow a job by the ID your provider&apos;s site shows, and save its result</source>
        <translation>按服务商网站显示的 ID 跟踪任务并保存结果</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Keep it in the history and stop asking about it</source>
        <translation>保留在历史中，不再查询它</translation>
    </message>
    <message>
        <source>Save again</source>
        <translation>再次保存</translation>
    </message>
    <message>
        <source>Try once more to save the outputs that were not saved.</source>
        <translation>再试一次保存未保存的输出。</translation>
    </message>
    <message>
        <source>Stop watching</source>
        <translation>停止跟踪</translation>
    </message>
    <message>
        <source>Stop asking the provider about this job</source>
        <translation>不再向服务商查询此任务</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove from the list; saved files stay in the library (Ctrl+Z brings it back)</source>
        <translation>从列表中移除；已保存的文件留在媒体库中（Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <source>Delete and move files to the trash</source>
        <translation>删除并把文件移到回收站</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <source>Save a copy as…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <source>Save a copy of the result elsewhere</source>
        <translation>把结果另存一份到别处</translation>
    </message>
    <message>
        <source>Save copies to a folder…</source>
        <translation>保存副本到文件夹…</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <source>Copy link to result</source>
        <translation>复制结果链接</translation>
    </message>
    <message>
        <source>Copy task ID (for support)</source>
        <translation>复制任务 ID（用于求助）</translation>
    </message>
    <message>
        <source>Use as reference image</source>
        <translation>用作参考图片</translation>
    </message>
    <message>
        <source>Put this picture into the form&apos;s reference images</source>
        <translation>把这张图片放入表单的参考图片</translation>
    </message>
    <message>
        <source>Use as reference for a video</source>
        <translation>用作视频的参考</translation>
    </message>
    <message>
        <source>Use as reference</source>
        <translation>用作参考</translation>
    </message>
    <message>
        <source>Task actions</source>
        <translation>任务操作</translation>
    </message>
    <message>
        <source>Settings loaded into the form.</source>
        <translation>设置已载入表单。</translation>
    </message>
    <message numerus="yes">
        <source>Sending %n job(s) again.</source>
        <translation>
            <numerusform>正在重新发送 %n 个任务。</numerusform>
        </translation>
    </message>
    <message>
        <source>Paste the task ID</source>
        <translation>粘贴任务 ID</translation>
    </message>
    <message>
        <source>GenStudio does not know whether the provider started this job. If your provider&apos;s site lists it, copy its ID here: GenStudio then follows it and saves the result, and nothing is paid again.</source>
        <translation>GenStudio 不知道服务商是否已开始这个任务。如果服务商网站上列出了它，请把它的 ID 复制到这里：GenStudio 会跟踪它并保存结果，不会重复付费。</translation>
    </message>
    <message>
        <source>Following the job by its ID.</source>
        <translation>正在按 ID 跟踪该任务。</translation>
    </message>
    <message>
        <source>Add a provider first: a task ID belongs to a provider.</source>
        <translation>请先添加服务商：任务 ID 属于某个服务商。</translation>
    </message>
    <message>
        <source>Import task ID</source>
        <translation>导入任务 ID</translation>
    </message>
    <message>
        <source>Follow a job started elsewhere (your provider&apos;s site, another computer, or one GenStudio lost track of): GenStudio checks it like any other and saves its result.</source>
        <translation>跟踪在别处开始的任务（服务商网站、另一台电脑，或 GenStudio 失去联系的任务）：GenStudio 会像其他任务一样查询并保存结果。</translation>
    </message>
    <message>
        <source>Imported: checking the job now.</source>
        <translation>已导入：正在查询该任务。</translation>
    </message>
    <message>
        <source>That job is already in the list.</source>
        <translation>该任务已在列表中。</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n task(s) and moved their files to the trash.</source>
        <translation>
            <numerusform>已删除 %n 个任务，并把其文件移到回收站。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n task(s). Some files could not go to the trash and stay in the library.</source>
        <translation>
            <numerusform>已删除 %n 个任务。部分文件无法移到回收站，仍留在媒体库中。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n task(s); their files stay in the library.</source>
        <translation>
            <numerusform>已删除 %n 个任务；其文件留在媒体库中。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Brought back %n task(s).</source>
        <translation>
            <numerusform>已恢复 %n 个任务。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskDetails</name>
    <message>
        <source>Task details</source>
        <translation>任务详情</translation>
    </message>
    <message>
        <source>Submit again</source>
        <translation>再次提交</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Send the same job again</source>
        <translation>再次发送同样的任务</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Keep it in the history and stop asking about it</source>
        <translation>保留在历史中，不再查询它</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <source>Ask the provider about this job now</source>
        <translation>立即向服务商查询此任务</translation>
    </message>
    <message>
        <source>Save again</source>
        <translation>重新保存</translation>
    </message>
    <message>
        <source>Try once more to save the outputs that were not saved.</source>
        <translation>再试一次保存未保存的作品。</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>技术细节</translation>
    </message>
    <message>
        <source>The task ID, links and the provider&apos;s own words, for support</source>
        <translation>任务 ID、链接和服务商的原始信息，供技术支持使用</translation>
    </message>
    <message>
        <source>Select a task to see its details. Finished results appear here.</source>
        <translation>选择一个任务查看详情。完成的结果会显示在这里。</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) selected.</source>
        <translation>
            <numerusform>已选择 %n 个任务。</numerusform>
        </translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Provider&apos;s status</source>
        <translation>服务商状态</translation>
    </message>
    <message>
        <source>Provider: submitted</source>
        <translation>服务商：提交于</translation>
    </message>
    <message>
        <source>Provider: started</source>
        <translation>服务商：开始于</translation>
    </message>
    <message>
        <source>Provider: finished</source>
        <translation>服务商：完成于</translation>
    </message>
    <message>
        <source>Output links</source>
        <translation>输出链接</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>错误详情</translation>
    </message>
    <message>
        <source>Request as sent</source>
        <translation>发送的请求</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Send the request again. It may charge twice: if your provider&apos;s site lists the job, use “Paste its ID…” instead.</source>
        <translation>再次发送请求。这可能重复扣费：如果服务商网站上列出了该任务，请改用“粘贴任务 ID…”。</translation>
    </message>
    <message>
        <source>Paste its ID…</source>
        <translation>粘贴任务 ID…</translation>
    </message>
    <message>
        <source>If your provider&apos;s site lists this job, paste its ID: GenStudio follows it and saves the result, and nothing is paid again.</source>
        <translation>如果服务商网站上列出了这个任务，请粘贴它的 ID：GenStudio 会跟踪它并保存结果，不会重复付费。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送于</translation>
    </message>
    <message>
        <source>Time taken</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Not saved: the link expired</source>
        <translation>未保存：链接已过期</translation>
    </message>
    <message>
        <source>Saved files</source>
        <translation>已保存的文件</translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
</context>
<context>
    <name>TaskIdDialog</name>
    <message>
        <source>Task ID</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>e.g. task_01J9ZK3…</source>
        <translation>例如 task_01J9ZK3…</translation>
    </message>
    <message>
        <source>Optional: the model, if you know it</source>
        <translation>可选：如果知道，填写模型</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
</context>
<context>
    <name>TaskNotifier</name>
    <message>
        <source>Your result is ready</source>
        <translation>你的作品已完成</translation>
    </message>
    <message>
        <source>%1 job: %2</source>
        <translation>%1任务：%2</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Submission unknown</source>
        <translation>提交状态未知</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>Provider removed — add it again to keep watching</source>
        <translation>服务商已移除 — 重新添加即可继续跟踪</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Can&apos;t reach provider — retrying</source>
        <translation>无法连接服务商 — 正在重试</translation>
    </message>
    <message>
        <source>Waiting for API key</source>
        <translation>等待 API 密钥</translation>
    </message>
    <message>
        <source>Timed out — may still finish</source>
        <translation>已超时 — 仍可能完成</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Finished without output</source>
        <translation>已结束但没有作品</translation>
    </message>
    <message>
        <source>Stopped watching</source>
        <translation>已停止跟踪</translation>
    </message>
    <message>
        <source>Imported task {task_id} (prompt not known)</source>
        <translation>导入的任务 {task_id}（提示词未知）</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>{m} min {s:02d} s</source>
        <translation>{m} 分 {s:02d} 秒</translation>
    </message>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h} 小时 {m:02d} 分</translation>
    </message>
    <message>
        <source>Waiting to save</source>
        <translation>等待保存</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saving {0}%</source>
        <translation>正在保存 {0}%</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
</context>
<context>
    <name>TaskView</name>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>No room: make the window or the list wider</source>
        <translation>没有空间：请把窗口或列表拉宽</translation>
    </message>
</context>
<context>
    <name>WaveformView</name>
    <message>
        <source>Waveform</source>
        <translation>波形</translation>
    </message>
    <message>
        <source>Click to jump to a moment</source>
        <translation>点击跳到某一时刻</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Provider: </source>
        <translation>服务商：</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>No provider yet</source>
        <translation>还没有服务商</translation>
    </message>
    <message>
        <source>Add provider…</source>
        <translation>添加服务商…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Next task</source>
        <translation>下一个任务</translation>
    </message>
    <message>
        <source>Previous task</source>
        <translation>上一个任务</translation>
    </message>
    <message>
        <source>Show or hide the form</source>
        <translation>显示或隐藏表单</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About GenStudio</source>
        <translation>关于 GenStudio</translation>
    </message>
    <message>
        <source>Open library folder</source>
        <translation>打开作品库文件夹</translation>
    </message>
    <message>
        <source>Reuse settings from a file…</source>
        <translation>从文件复用设置…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Money</source>
        <translation>费用(&amp;M)</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>画廊</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Show the form</source>
        <translation>显示表单</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>播放或暂停</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>All tasks</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Search prompts, models, providers and task IDs (Ctrl+F)</source>
        <translation>搜索提示词、模型、服务商和任务 ID（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search tasks</source>
        <translation>搜索任务</translation>
    </message>
    <message>
        <source>Show tasks</source>
        <translation>显示任务</translation>
    </message>
    <message>
        <source>Show kinds</source>
        <translation>显示类型</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Switch between the task list and a gallery of finished results (Ctrl+G)</source>
        <translation>在任务列表和已完成结果的图库之间切换（Ctrl+G）</translation>
    </message>
</context>
</TS>
