<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>Classroom</name>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="494" />
      <source>The session was not opened</source>
      <translation>会话未打开</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="600" />
      <source>Restore unsaved work?</source>
      <translation>恢复未保存的工作？</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="721" />
      <source>The lesson was not opened</source>
      <translation>课程未打开</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="737" />
      <source>Lesson</source>
      <translation>课程</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="826" />
      <source>Open session</source>
      <translation>打开会话</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="827" />
      <source>Calculus Visualizer session (*.json)</source>
      <translation>微积分可视化会话 (*.json)</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="839" />
      <source>Save session</source>
      <translation>保存会话</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="852" />
      <source>Open lesson</source>
      <translation>打开课程</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="853" />
      <source>Calculus Visualizer lesson (*.json)</source>
      <translation>微积分可视化课程 (*.json)</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="247" />
      <source>&amp;Open session…</source>
      <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="248" />
      <source>Open a saved session: the function, points, ranges, descent runs and lesson</source>
      <translation>打开已保存的会话：函数、点、范围、下降运行和课程</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="249" />
      <source>&amp;Save session</source>
      <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="250" />
      <source>Save the whole state to the current session file</source>
      <translation>把全部状态保存到当前会话文件</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="251" />
      <source>Save session &amp;as…</source>
      <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="252" />
      <source>Save the whole state to a new session file (readable JSON)</source>
      <translation>把全部状态保存到新的会话文件（可读的 JSON）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="253" />
      <source>&amp;Open lesson file…</source>
      <translation>打开课程文件(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="254" />
      <source>Open a lesson written by a teacher (JSON)</source>
      <translation>打开教师编写的课程（JSON）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="255" />
      <source>&amp;Next step</source>
      <translation>下一步(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="255" />
      <source>Go to the next step of the lesson</source>
      <translation>转到课程的下一步</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="256" />
      <source>&amp;Previous step</source>
      <translation>上一步(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="257" />
      <source>Go back to the previous step of the lesson</source>
      <translation>回到课程的上一步</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="258" />
      <source>&amp;Close lesson</source>
      <translation>关闭课程(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="259" />
      <source>Close the lesson; the program keeps its state</source>
      <translation>关闭课程；程序保留当前状态</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="260" />
      <source>&amp;Presentation mode</source>
      <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="261" />
      <source>Full screen, projector theme, large type; a clicker's keys step through the lesson; Esc leaves</source>
      <translation>全屏、投影仪主题、大字号；翻页笔的按键逐步浏览课程；按 Esc 退出</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="263" />
      <source>Pointer &amp;highlight</source>
      <translation>指针高亮(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="264" />
      <source>In presentation mode, a translucent circle follows the pointer (not over the 3-D view)</source>
      <translation>演示模式下，一个半透明圆圈跟随指针（三维视图上除外）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="272" />
      <source>&amp;Recent sessions</source>
      <translation>最近的会话(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="273" />
      <source>&amp;Lessons</source>
      <translation>课程(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="279" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="302" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="337" />
      <source>(none yet)</source>
      <translation>（暂无）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="368" />
      <source>Nothing to save yet</source>
      <translation>还没有可保存的内容</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="368" />
      <source>No function has been accepted yet.</source>
      <translation>还没有接受任何函数。</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="373" />
      <source>The session was not saved</source>
      <translation>会话未保存</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="495" />
      <source>This session file cannot be opened; your current work is unchanged.{where}

{why}</source>
      <translation>无法打开此会话文件；当前工作未受影响。{where}

{why}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="548" />
      <source>Autosave is off: the folder {folder} cannot be used ({why}). Save the session to keep your work.</source>
      <translation>自动保存已关闭：无法使用文件夹 {folder}（{why}）。请手动保存会话，以免丢失你的工作。</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="601" />
      <source>The program did not close normally last time. Restore the work it was doing (function: {text})?</source>
      <translation>程序上次没有正常关闭。要恢复它当时的工作吗（函数：{text}）？</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="722" />
      <source>This lesson file cannot be used.{where}

{why}</source>
      <translation>无法使用此课程文件。{where}

{why}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="374" />
      <source>The session could not be written to {path}:
{why}</source>
      <translation>无法把会话写入 {path}：
{why}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="586" />
      <source>The work an earlier run left could not be read ({why}); the file is kept as {path}.</source>
      <translation>上次运行留下的工作无法读取（{why}）；该文件已另存为 {path}。</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="695" />
      <source>There is no built-in lesson {name}.</source>
      <translation>没有名为 {name} 的内置课程。</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/controller.py" line="536" />
      <source>Autosave failed: {why}. The last autosave is kept; save the session to keep your newest work.</source>
      <translation>自动保存失败：{why}。上一次自动保存的内容仍然保留；请手动保存会话，以留住最新的工作。</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="128" />
      <source>Choose a lesson: the built-in ones and the files you opened</source>
      <translation>选择课程：内置课程和你打开过的文件</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="130" />
      <source>Open…</source>
      <translation>打开…</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="131" />
      <source>Open a lesson file (JSON) written by a teacher</source>
      <translation>打开教师编写的课程文件（JSON）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="132" />
      <source>Open a lesson file</source>
      <translation>打开课程文件</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="133" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="134" />
      <source>Close the lesson (the program keeps its state)</source>
      <translation>关闭课程（程序保留当前状态）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="135" />
      <source>Close the lesson</source>
      <translation>关闭课程</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="136" />
      <source>◀ Previous</source>
      <translation>◀ 上一步</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="137" />
      <source>Previous step (PageUp or ←; Ctrl+PageUp anywhere)</source>
      <translation>上一步（PageUp 或 ←；任何位置按 Ctrl+PageUp）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="138" />
      <source>Previous step</source>
      <translation>上一步</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="139" />
      <source>Next ▶</source>
      <translation>下一步 ▶</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="140" />
      <source>Next step (PageDown or →; Ctrl+PageDown anywhere)</source>
      <translation>下一步（PageDown 或 →；任何位置按 Ctrl+PageDown）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="141" />
      <source>Next step</source>
      <translation>下一步</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="142" />
      <source>Lesson text</source>
      <translation>课程内容</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="143" />
      <source>Step title</source>
      <translation>步骤标题</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="144" />
      <source>Step number</source>
      <translation>步骤编号</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_panel.py" line="189" />
      <source>{n} / {count}</source>
      <translation>{n} / {count}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_runner.py" line="41" />
      <source>This version has no descent lab.</source>
      <translation>此版本没有梯度下降实验。</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_runner.py" line="139" />
      <source>The function {text} was refused: {why}</source>
      <translation>函数 {text} 被拒绝：{why}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lesson_runner.py" line="149" />
      <source>The descent lab could not be set: {why}</source>
      <translation>无法设置梯度下降实验：{why}</translation>
    </message>
  </context>
  <context>
    <name>Descent</name>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="843" />
      <source>not defined there ({why})</source>
      <translation>在该处无定义（{why}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="887" />
      <source>{count} steps</source>
      <translation>{count} 步</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="842" />
      <source>not defined there</source>
      <translation>在该处无定义</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="886" />
      <source>1 step</source>
      <translation>1 步</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1241" />
      <source>its slope is infinite there</source>
      <translation>它在该处的斜率为无穷大</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1242" />
      <source>its gradient is undefined there</source>
      <translation>它在该处的梯度无定义</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1243" />
      <source>its gradient is too large to compute there</source>
      <translation>它在该处的梯度太大，无法计算</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1279" />
      <source>left the domain of f at {where}: f is {undefined}</source>
      <translation>在 {where} 处离开了 f 的定义域：f {undefined}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1360" />
      <source>diverged: {what}: {why}</source>
      <translation>已发散：{what}：{why}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1398" />
      <source>for this function lr must be below {formula} = {bound}</source>
      <translation>对这个函数，lr 必须小于 {formula} = {bound}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1423" />
      <source>the point stopped moving at {where}: each step is smaller than the spacing of floating-point numbers there, though the gradient norm {norm} is above tol {tol}</source>
      <translation>点在 {where} 处不再移动：那里的每一步都小于相邻浮点数的间距，尽管梯度范数 {norm} 仍大于 tol {tol}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1503" />
      <source>reached the step limit ({limit} steps); the gradient norm is still {norm} (tol {tol}){rise}{saddle}</source>
      <translation>已达步数上限（{limit} 步）；梯度范数仍为 {norm}（tol {tol}）{rise}{saddle}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1604" />
      <source>converged {reached} at {where}: {gradient}, at {kind} ({curvature})</source>
      <translation>{reached}在 {where} 处收敛：{gradient}，位于{kind}（{curvature}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1202" />
      <source>left the domain of f at {where}: f is {undefined}; the step from {origin} jumped out of it (a smaller learning rate may stay inside)</source>
      <translation>在 {where} 处离开了 f 的定义域：f {undefined}；从 {origin} 出发的一步跳出了定义域（较小的学习率或许能留在其中）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1249" />
      <source>its gradient cannot be computed there: {why}</source>
      <translation>它在该处的梯度无法计算：{why}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1255" />
      <source>f is not differentiable at the start {where} ({detail})</source>
      <translation>f 在起点 {where} 处不可导（{detail}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1262" />
      <source>stopped at {origin} after {steps}: the next step would land on {where}, where f is not differentiable ({detail})</source>
      <translation>经过 {steps}后停在 {origin}：下一步将落在 {where}，f 在那里不可导（{detail}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1290" />
      <source>f'' (the Hessian) is not finite at {where}, so Newton's method cannot take the next step</source>
      <translation>f''（海森矩阵）在 {where} 处不是有限值，因此牛顿法无法迈出下一步</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1323" />
      <source>; the next step would jump to {where}{overflow}</source>
      <translation>；下一步将跳到 {where}{overflow}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1327" />
      <source>f decreases without bound along the path (it fell from {start} to {value} in {steps}{jump})</source>
      <translation>f 沿路径无限下降（在 {steps}内从 {start} 降到 {value}{jump}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1351" />
      <source>Newton's step is huge where the curvature is about 0</source>
      <translation>在曲率约为 0 的地方，牛顿法的步长极大</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1400" />
      <source>for this function lr must be below {formula} = {bound} with μ = {mu}</source>
      <translation>对这个函数，lr 必须小于 {formula} = {bound}（μ = {mu}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1447" />
      <source>stopped: the iterates repeat a {period}-cycle through {label} = {points}, bouncing across {where}, where f has a kink (it is not differentiable there: the slope jumps from {left} to {right}); with a fixed learning rate the steps never shrink</source>
      <translation>已停止：迭代点以 {period} 为周期在 {label} = {points} 之间重复，在 {where} 两侧来回跳动，f 在那里有折点（在该处不可导：斜率从 {left} 跳变到 {right}）；学习率固定时，步长永远不会缩小</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1454" />
      <source>stopped: the iterates repeat a {period}-cycle through {label} = {points}, bouncing across {where}, where f has a kink (it is not differentiable there: the slope along the steps jumps from {left} to {right}); with a fixed learning rate the steps never shrink</source>
      <translation>已停止：迭代点以 {period} 为周期在 {label} = {points} 之间重复，在 {where} 两侧来回跳动，f 在那里有折点（在该处不可导：沿步进方向的斜率从 {left} 跳变到 {right}）；学习率固定时，步长永远不会缩小</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1463" />
      <source>stopped: the iterates repeat a {period}-cycle through {label} = {points} instead of settling: learning rate too large; {hint}</source>
      <translation>已停止：迭代点以 {period} 为周期在 {label} = {points} 之间重复，没有稳定下来：学习率过大；{hint}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1469" />
      <source>stopped: the iterates repeat a {period}-cycle through {label} = {points} instead of settling: learning rate too large</source>
      <translation>已停止：迭代点以 {period} 为周期在 {label} = {points} 之间重复，没有稳定下来：学习率过大</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1490" />
      <source>; f went up from {start} to {value}, the learning rate may be too large</source>
      <translation>；f 从 {start} 升到了 {value}，学习率可能过大</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1519" />
      <source>at the start</source>
      <translation>一开始就</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1521" />
      <source>after {steps}</source>
      <translation>经过 {steps}后</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1526" />
      <source>the gradient norm {norm} is within tol {tol}</source>
      <translation>梯度范数 {norm} 在 tol {tol} 以内</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1531" />
      <source>the gradient is exactly 0</source>
      <translation>梯度恰好为 0</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1537" />
      <source>converged {reached} at {where}: {gradient} (the curvature there could not be checked)</source>
      <translation>{reached}在 {where} 处收敛：{gradient}（无法检查该处的曲率）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1551" />
      <source>Hessian eigenvalues {values}</source>
      <translation>海森矩阵特征值 {values}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1558" />
      <source>stopped at a saddle point {where} {reached}: {gradient}, but f curves up in one direction and down in another ({curvature}); gradient descent stalls at saddle points: start slightly off this point to escape</source>
      <translation>{reached}停在鞍点 {where}：{gradient}，但 f 在一个方向上向上弯、在另一个方向上向下弯（{curvature}）；梯度下降会停滞在鞍点：从稍稍偏离该点的位置出发即可逃离</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1569" />
      <source>stopped at a maximum {where} {reached}: {gradient}, and f curves down in every direction ({curvature} &lt; 0); gradient descent cannot move away from a maximum it sits exactly on: start slightly to one side</source>
      <translation>{reached}停在极大值点 {where}：{gradient}，且 f 在每个方向上都向下弯（{curvature} &lt; 0）；恰好位于极大值点上时，梯度下降无法离开它：从稍偏一侧的位置出发</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1580" />
      <source>stopped at a stationary point {where} {reached} that is not a minimum: {gradient}, but f curves down in one direction ({curvature})</source>
      <translation>{reached}停在一个不是极小值的驻点 {where}：{gradient}，但 f 在一个方向上向下弯（{curvature}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1590" />
      <source>stopped at a flat stationary point {where} {reached} that is not a minimum: {gradient} and the curvature is about 0 ({curvature}), but f still decreases nearby (an inflection point)</source>
      <translation>{reached}停在一个不是极小值的平坦驻点 {where}：{gradient}，且曲率约为 0（{curvature}），但 f 在附近仍在下降（拐点）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1599" />
      <source>a minimum</source>
      <translation>极小值点</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1601" />
      <source>a flat minimum (the curvature is about 0)</source>
      <translation>平坦的极小值点（曲率约为 0）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1026" />
      <source>f'' (the Hessian) cannot be computed at the start {where}, so Newton's method cannot take a step</source>
      <translation>无法在起点 {where} 处计算 f''（海森矩阵），因此牛顿法无法迈出一步</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1220" />
      <source>f'' (the Hessian) cannot be computed at {where}, where the next step would land; stopped at {origin}</source>
      <translation>无法在下一步将落到的 {where} 处计算 f''（海森矩阵）；停在 {origin}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1230" />
      <source>the step from {origin} could not be computed ({reason})</source>
      <translation>从 {origin} 出发的一步无法计算（{reason}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1321" />
      <source>, where the numbers overflow</source>
      <translation>，数值在那里溢出</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1335" />
      <source>|f| grew from {start} to {value} in {steps}{jump}</source>
      <translation>|f| 在 {steps}内从 {start} 增长到 {value}{jump}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1353" />
      <source>f has no minimum in this direction</source>
      <translation>f 在这个方向上没有极小值</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1404" />
      <source>for this function lr must be below {formula} = {bound} (λmax = {largest}, the largest eigenvalue of the Hessian)</source>
      <translation>对这个函数，lr 必须小于 {formula} = {bound}（λmax = {largest}，海森矩阵的最大特征值）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1409" />
      <source>for this function lr must be below {formula} = {bound} (λmax = {largest}, the largest eigenvalue of the Hessian) with μ = {mu}</source>
      <translation>对这个函数，lr 必须小于 {formula} = {bound}（λmax = {largest}，海森矩阵的最大特征值；μ = {mu}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1500" />
      <source>; the path is slowing down near a saddle point</source>
      <translation>；路径在鞍点附近减速</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1340" />
      <source>the first step from {origin} would jump to {where}{overflow}</source>
      <translation>从 {origin} 出发的第一步将跳到 {where}{overflow}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1345" />
      <source>after {steps}, the next step from {origin} would jump to {where}{overflow}</source>
      <translation>经过 {steps}后，从 {origin} 出发的下一步将跳到 {where}{overflow}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1357" />
      <source>learning rate too large; {hint}</source>
      <translation>学习率过大；{hint}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1359" />
      <source>learning rate too large</source>
      <translation>学习率过大</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1393" />
      <source>Newton's method on a quadratic needs lr below 2</source>
      <translation>在二次函数上，牛顿法需要 lr 小于 2</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="1235" />
      <source>not finite</source>
      <translation>不是有限值</translation>
    </message>
  </context>
  <context>
    <name>DescentModel</name>
    <message>
      <location filename="../../visualizer/descent_model.py" line="342" />
      <source>Move the descent start</source>
      <translation>移动下降起点</translation>
    </message>
    <message>
      <location filename="../../visualizer/descent_model.py" line="355" />
      <source>Change descent settings</source>
      <translation>更改下降设置</translation>
    </message>
    <message>
      <location filename="../../visualizer/descent_model.py" line="264" />
      <source>no function yet</source>
      <translation>还没有函数</translation>
    </message>
  </context>
  <context>
    <name>DescentPanel</name>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="157" />
      <source>stopped</source>
      <translation>已停止</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="132" />
      <source>running</source>
      <translation>运行中</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="134" />
      <source>converged</source>
      <translation>已收敛</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="136" />
      <source>step limit reached</source>
      <translation>已达步数上限</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="138" />
      <source>cannot start</source>
      <translation>无法开始</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="144" />
      <source>diverged</source>
      <translation>已发散</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="141" />
      <source>diverged: learning rate too large</source>
      <translation>已发散：学习率过大</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="143" />
      <source>diverged: f has no minimum</source>
      <translation>已发散：f 没有极小值</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="146" />
      <source>stopped at a saddle point</source>
      <translation>停在鞍点</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="147" />
      <source>stopped: bouncing across a kink</source>
      <translation>已停止：在折点两侧来回跳动</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="148" />
      <source>stopped: stuck in a cycle</source>
      <translation>已停止：陷入循环</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="149" />
      <source>stopped: left the domain of f</source>
      <translation>已停止：离开了 f 的定义域</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="150" />
      <source>stopped at a maximum</source>
      <translation>停在极大值</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="151" />
      <source>stopped: f is not differentiable there</source>
      <translation>已停止：f 在该处不可导</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="152" />
      <source>stopped moving</source>
      <translation>不再移动</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="153" />
      <source>stopped at a stationary point that is not a minimum</source>
      <translation>停在一个不是极小值的驻点</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="203" />
      <source>step (Δx, Δy)</source>
      <translation>步长 (Δx, Δy)</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="344" />
      <source>Descent lab</source>
      <translation>梯度下降实验</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="374" />
      <source>Show or hide the runs, the table of steps and the learning-rate map (or click a tab)</source>
      <translation>显示或收起运行列表、步骤表和学习率图（也可点击标签页）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="430" />
      <source>Load a ready-made experiment: function, start, runs</source>
      <translation>载入现成的实验：函数、起点、运行</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="431" />
      <source>Scenario</source>
      <translation>场景</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="432" />
      <source>Scenario…</source>
      <translation>场景…</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="441" />
      <source>Step</source>
      <translation>单步</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="442" />
      <source>Take one step with every run (Space)</source>
      <translation>让每个运行走一步（空格）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="443" />
      <source>Run</source>
      <translation>运行</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="444" />
      <source>Run or pause every run (Enter)</source>
      <translation>运行或暂停所有运行（回车）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="445" />
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="446" />
      <source>Every run back to the start (R)</source>
      <translation>所有运行回到起点（R）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="450" />
      <source>Run speed, in steps per second (logarithmic)</source>
      <translation>运行速度，每秒步数（对数刻度）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="451" />
      <source>Run speed</source>
      <translation>运行速度</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="460" />
      <source>The current step number k</source>
      <translation>当前步数 k</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="475" />
      <source>Speed</source>
      <translation>速度</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="490" />
      <source>Curve of f with the descent runs</source>
      <translation>f 的曲线与下降运行</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="507" />
      <source>Contour map of f with the descent paths</source>
      <translation>f 的等高线图与下降路径</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="564" />
      <source>Contour map</source>
      <translation>等高线图</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="566" />
      <source>Show the paths on the contour map of f</source>
      <translation>在 f 的等高线图上显示路径</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="567" />
      <source>Surface</source>
      <translation>曲面</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="569" />
      <source>Show the paths on the 3-D surface of f</source>
      <translation>在 f 的三维曲面上显示路径</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="593" />
      <source>f against the step number, one line per run</source>
      <translation>f 随步数的变化，每个运行一条线</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="595" />
      <source>step k</source>
      <translation>步数 k</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="598" />
      <source>log scale</source>
      <translation>对数刻度</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="600" />
      <source>Show f on a logarithmic scale (as f − lowest f seen when f is not always positive)</source>
      <translation>以对数刻度显示 f（当 f 不总为正时，显示 f − 已见最小 f）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="633" />
      <source>Runs</source>
      <translation>运行列表</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="634" />
      <source>Steps</source>
      <translation>步骤</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="636" />
      <source>LR map</source>
      <translation>学习率图</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="645" />
      <source>The runs, in their colours; pick one to edit it and see its steps</source>
      <translation>各运行以其颜色显示；选中一个以编辑它并查看它的每一步</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="651" />
      <source>Add run</source>
      <translation>添加运行</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="652" />
      <source>Add a run from the same start (a copy of the selected one: then change its settings)</source>
      <translation>从同一起点添加一个运行（复制所选运行，再修改其设置）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="655" />
      <source>Remove run</source>
      <translation>删除运行</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="656" />
      <source>Remove the selected run</source>
      <translation>删除所选运行</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="669" />
      <source>The update rule (as in torch.optim; newton: x ← x − lr·f′/f″, damped)</source>
      <translation>更新规则（与 torch.optim 相同；newton：x ← x − lr·f′/f″，带阻尼）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="671" />
      <source>Optimizer</source>
      <translation>优化器</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="681" />
      <source>Learning rate, on a logarithmic scale (10⁻⁶ to 10)</source>
      <translation>学习率，对数刻度（10⁻⁶ 到 10）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="682" />
      <source>Learning rate slider</source>
      <translation>学习率滑块</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="684" />
      <source>Learning rate lr &gt; 0 (e.g. 0.1 or 1e-3); Enter applies</source>
      <translation>学习率 lr &gt; 0（如 0.1 或 1e-3）；按回车生效</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="685" />
      <source>Learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="744" />
      <source>Table of steps</source>
      <translation>步骤表</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="745" />
      <source>Every step of the selected run: k, the point, f, the gradient, and the step taken from it</source>
      <translation>所选运行的每一步：k、点、f、梯度，以及由此迈出的一步</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="765" />
      <source>Compute map</source>
      <translation>计算学习率图</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="766" />
      <source>Run a grid of learning rates × momentum (β₁ for adam) from the start; click a cell to replay it</source>
      <translation>从起点对学习率 × 动量（adam 为 β₁）的网格逐一运行；单击某格可重放该运行</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="771" />
      <source>Runs of the map done</source>
      <translation>学习率图中已完成的运行</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="772" />
      <source>Map progress</source>
      <translation>学习率图进度</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="780" />
      <source>Learning-rate map</source>
      <translation>学习率热图</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="784" />
      <source>learning rate</source>
      <translation>学习率 lr</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="797" />
      <source>For the selected run's optimizer, from the current start: each cell is a full run. Dark = lowest final f, bright = higher; red = diverged; grey = stopped (cycle, saddle, domain).</source>
      <translation>针对所选运行的优化器，从当前起点出发：每一格都是一次完整运行。深色 = 最终 f 最低，亮色 = 较高；红色 = 发散；灰色 = 停止（循环、鞍点、定义域）。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="531" />
      <source>The start: drag it, or double-click the plot</source>
      <translation>起点：拖动它，或双击图形</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="698" />
      <source>Momentum μ</source>
      <translation>动量 μ</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="698" />
      <source>Momentum μ in [0, 1): how much of the last step is kept</source>
      <translation>动量 μ ∈ [0, 1)：保留上一步的多少</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="700" />
      <source>β₁</source>
      <translation>β₁</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="700" />
      <source>Adam's β₁ in [0, 1): decay of the mean of the gradients</source>
      <translation>Adam 的 β₁ ∈ [0, 1)：梯度均值的衰减率</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="701" />
      <source>β₂</source>
      <translation>β₂</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="701" />
      <source>Adam's β₂ in [0, 1): decay of the mean of the squared gradients</source>
      <translation>Adam 的 β₂ ∈ [0, 1)：梯度平方均值的衰减率</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="703" />
      <source>ε</source>
      <translation>ε</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="703" />
      <source>ε &gt; 0, added to the denominator (adagrad, rmsprop, adam)</source>
      <translation>ε &gt; 0，加在分母上（adagrad、rmsprop、adam）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="706" />
      <source>Tolerance</source>
      <translation>容差</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="706" />
      <source>Stop when the gradient norm falls to this (0: never stop early)</source>
      <translation>当梯度的模降到此值时停止（0：从不提前停止）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1272" />
      <source>f − lowest f seen</source>
      <translation>f − 已见最小 f</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1635" />
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1720" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1836" />
      <source>Click a cell to replay that run</source>
      <translation>单击某格以重放该运行</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1375" />
      <source>−lr·f′(x) = {0}</source>
      <translation>−lr·f′(x) = {0}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1445" />
      <source>Steps of run {0}: {1}</source>
      <translation>运行 {0} 的步骤：{1}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1455" />
      <source>Run {0} ({1}): running — Space steps, Enter runs or pauses</source>
      <translation>运行 {0}（{1}）：运行中 —— 空格单步，回车运行或暂停</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1468" />
      <source>k = {0}</source>
      <translation>k = {0}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1524" />
      <source>Start {0}</source>
      <translation>起点 {0}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1593" />
      <source>steps must be a whole number</source>
      <translation>步数必须是整数</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1629" />
      <source>{0} steps/s</source>
      <translation>{0} 步/秒</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1772" />
      <source>{0} runs of {1} steps ({2}) in {3:.2f} s: {4} converged, {5} at the step limit, {6} diverged (red), {7} stopped (grey). Colour: final f − best final f, dark = lowest. Click a cell to replay it.</source>
      <translation>{0} 次运行，每次 {1} 步（{2}），用时 {3:.2f} 秒：{4} 次收敛，{5} 次达到步数上限，{6} 次发散（红色），{7} 次停止（灰色）。颜色：最终 f − 最佳最终 f，深色 = 最低。单击某格以重放。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1778" />
      <source>Cancelled. </source>
      <translation>已取消。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1846" />
      <source>: {0} after {1} steps, f = {2}</source>
      <translation>：{1} 步后{0}，f = {2}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="202" />
      <source>step Δ{0}</source>
      <translation>步长 Δ{0}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="331" />
      <source>“{0}” is not a number</source>
      <translation>“{0}”不是数字</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="704" />
      <source>Most steps of each run (1 to {0})</source>
      <translation>每个运行的最多步数（1 到 {0}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="722" />
      <source>Start {0}; Enter applies (or drag the start on the plot)</source>
      <translation>起点 {0}；按回车生效（或在图上拖动起点）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/descent_panel.py" line="1344" />
      <source>−∇f (|∇f| = {0})</source>
      <translation>−∇f（|∇f| = {0}）</translation>
    </message>
  </context>
  <context>
    <name>Export</name>
    <message>
      <location filename="../../visualizer/export.py" line="680" />
      <source>Derivative lab: the curve, secant and tangent</source>
      <translation>导数实验：曲线、割线与切线</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="681" />
      <source>Surface lab: the 3-D surface</source>
      <translation>曲面实验：三维曲面</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="682" />
      <source>Surface lab: the contour map</source>
      <translation>曲面实验：等高线图</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="683" />
      <source>Descent lab: the runs' paths</source>
      <translation>梯度下降实验：各次运行的路径</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="685" />
      <source>Light</source>
      <translation>浅色</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="685" />
      <source>Dark</source>
      <translation>深色</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="685" />
      <source>Projector</source>
      <translation>投影</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="742" />
      <source>GIF plays everywhere; MP4 is smaller for long animations</source>
      <translation>GIF 在任何地方都能播放；动画较长时 MP4 文件更小</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="245" />
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="327" />
      <source>Exported by Calculus Visualizer</source>
      <translation>由微积分可视化导出</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="701" />
      <source>Width of the picture in pixels</source>
      <translation>图片宽度（像素）</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="703" />
      <source>Height of the picture in pixels</source>
      <translation>图片高度（像素）</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="713" />
      <source>&amp;View:</source>
      <translation>视图(&amp;V)：</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="714" />
      <source>&amp;Width (px):</source>
      <translation>宽度（像素）(&amp;W)：</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="715" />
      <source>&amp;Height (px):</source>
      <translation>高度（像素）(&amp;H)：</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="716" />
      <source>&amp;Theme:</source>
      <translation>主题(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="740" />
      <source>GIF animation</source>
      <translation>GIF 动画</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="741" />
      <source>MP4 video</source>
      <translation>MP4 视频</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="747" />
      <source>MP4 needs the optional "video" extra: pip install "calculus-visualizer[video]" (or pip install imageio-ffmpeg, which brings its own ffmpeg); GIF works without it</source>
      <translation>MP4 需要可选的 "video" 附加组件：pip install "calculus-visualizer[video]"（或 pip install imageio-ffmpeg，它自带 ffmpeg）；GIF 不需要它</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="749" />
      <source>Format of the animation</source>
      <translation>动画的格式</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="929" />
      <source>Export view as image</source>
      <translation>将视图导出为图片</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="930" />
      <source>PNG image (*.png);;SVG drawing (*.svg)</source>
      <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="950" />
      <source>Export animation</source>
      <translation>导出动画</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="695" />
      <source>Export view</source>
      <translation>导出视图</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="709" />
      <source>The view to draw</source>
      <translation>要绘制的视图</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="710" />
      <source>Colours and type size of the picture</source>
      <translation>图片的配色和字号</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="726" />
      <source>&amp;Frames:</source>
      <translation>帧数(&amp;F)：</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="728" />
      <source>F&amp;ormat:</source>
      <translation>格式(&amp;O):</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="805" />
      <source>&amp;Export view as image…</source>
      <translation>将视图导出为图片(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="806" />
      <source>Save a lab's view as PNG or SVG at a chosen size and theme</source>
      <translation>以选定的尺寸和主题，把某个实验的视图保存为 PNG 或 SVG</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="807" />
      <source>&amp;Copy view to clipboard</source>
      <translation>复制视图到剪贴板(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="808" />
      <source>Copy the lab in front as a picture, to paste into slides</source>
      <translation>把最前面的实验复制为图片，可粘贴到幻灯片中</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="809" />
      <source>Export &amp;animation…</source>
      <translation>导出动画(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="810" />
      <source>Save the secant closing in on the tangent, or a descent run, as GIF or MP4</source>
      <translation>把割线逼近切线的过程或一次梯度下降运行保存为 GIF 或 MP4</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="848" />
      <source>There is no function to draw yet.</source>
      <translation>还没有可以绘制的函数。</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="882" />
      <source>There is no function to animate yet.</source>
      <translation>还没有可以制作动画的函数。</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="942" />
      <source>The view is on the clipboard</source>
      <translation>视图已复制到剪贴板</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="951" />
      <source>GIF animation (*.gif)</source>
      <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="951" />
      <source>MP4 video (*.mp4)</source>
      <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="723" />
      <source>Frames in the animation (%1 a second)</source>
      <translation>动画的帧数（每秒 %1 帧）</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="938" />
      <source>Saved %1</source>
      <translation>已保存 %1</translation>
    </message>
    <message>
      <location filename="../../visualizer/export.py" line="962" />
      <source>Saved %1 (%2 frames)</source>
      <translation>已保存 %1（%2 帧）</translation>
    </message>
    <message>
      <source>MP4 video (*.mp4) - needs imageio-ffmpeg</source>
      <translation type="vanished">MP4 视频 (*.mp4) - 需要 imageio-ffmpeg</translation>
    </message>
  </context>
  <context>
    <name>ExpressionError</name>
    <message>
      <location filename="../../visualizer/analysis.py" line="32" />
      <source>cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="../../visualizer/analysis.py" line="157" />
      <source>internal error: {error}</source>
      <translation>内部错误：{error}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="167" />
      <source>the file is too large ({size} bytes; at most {most})</source>
      <translation>文件太大（{size} 字节；最多 {most} 字节）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="273" />
      <source>must be between {low} and {high}, got {value}</source>
      <translation>必须在 {low} 到 {high} 之间，实际是 {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="100" />
      <source>item {number}</source>
      <translation>第 {number} 项</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="154" />
      <source>{name} is not a number this program accepts</source>
      <translation>{name} 不是本程序接受的数值</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="77" />
      <source>{where}: {reason}</source>
      <translation>{where}：{reason}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="95" />
      <source>{where}, {name}</source>
      <translation>{where}，{name}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="140" />
      <source>true/false</source>
      <translation>真假值</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="142" />
      <source>a number</source>
      <translation>数字</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="144" />
      <source>text</source>
      <translation>文本</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="146" />
      <source>a list</source>
      <translation>列表</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="148" />
      <source>an object</source>
      <translation>对象</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="184" />
      <source>the file is empty</source>
      <translation>文件是空的</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="252" />
      <source>must be an object {{...}}, got {type}</source>
      <translation>必须是对象 {{...}}，实际是{type}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="279" />
      <source>must be a number, got {type} {value}</source>
      <translation>必须是数字，实际是{type} {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="282" />
      <source>must be between {low} and {high}</source>
      <translation>必须在 {low} 到 {high} 之间</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="286" />
      <source>must be a finite number</source>
      <translation>必须是有限的数字</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="295" />
      <source>must be a whole number, got {type} {value}</source>
      <translation>必须是整数，实际是{type} {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="298" />
      <source>must be a whole number, got {value}</source>
      <translation>必须是整数，实际是 {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="307" />
      <source>must be true or false, got {type} {value}</source>
      <translation>必须是 true 或 false，实际是{type} {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="315" />
      <source>must be text, got {type} {value}</source>
      <translation>必须是文本，实际是{type} {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="318" />
      <source>is too long ({length} characters; at most {most})</source>
      <translation>太长（{length} 个字符；最多 {most} 个）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="321" />
      <source>must not be empty</source>
      <translation>不能为空</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="328" />
      <source>must be one of {choices}, got {value}</source>
      <translation>必须是 {choices} 之一，实际是 {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="338" />
      <source>must be a list of numbers, got {type}</source>
      <translation>必须是数字列表，实际是{type}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="344" />
      <source>must hold {wanted} numbers, got {count}</source>
      <translation>必须包含 {wanted} 个数字，实际有 {count} 个</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="354" />
      <source>the start must be below the end, got [{low}, {high}]</source>
      <translation>起点必须小于终点，实际是 [{low}, {high}]</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="391" />
      <source>must be text or an object of languages, got {type}</source>
      <translation>必须是文本或按语言分的对象，实际是{type}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="402" />
      <source>must have an English text (key 'en')</source>
      <translation>必须有英文文本（键 'en'）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="161" />
      <source>the key {key} appears twice in one object</source>
      <translation>键 {key} 在同一个对象中出现了两次</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="188" />
      <source>the file is not UTF-8 text (is it the right file?)</source>
      <translation>文件不是 UTF-8 文本（是不是选错了文件？）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="200" />
      <source>the file is damaged or not JSON: {why} (line {line}, column {column})</source>
      <translation>文件已损坏或不是 JSON：{why}（第 {line} 行，第 {column} 列）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="203" />
      <source>the file nests too deeply to be read</source>
      <translation>文件嵌套层次太深，无法读取</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="207" />
      <source>the file holds a value that cannot be read: {why}</source>
      <translation>文件中有无法读取的值：{why}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="238" />
      <source>there is no file {path}</source>
      <translation>文件 {path} 不存在</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="240" />
      <source>{path} is a folder, not a file</source>
      <translation>{path} 是文件夹，不是文件</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="243" />
      <source>the file cannot be read: {why}</source>
      <translation>无法读取文件：{why}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="259" />
      <source>keys must be text</source>
      <translation>键必须是文本</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="264" />
      <source>unknown key {key} (known keys: {known})</source>
      <translation>未知的键 {key}（已知的键：{known}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="269" />
      <source>the key {key} is missing</source>
      <translation>缺少键 {key}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="343" />
      <source>{first} or {second}</source>
      <translation>{first} 或 {second}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="377" />
      <source>the formula {formula} is refused: {why} (at character {number})</source>
      <translation>公式 {formula} 被拒绝：{why}（第 {number} 个字符处）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="398" />
      <source>{key} is not a language code such as en, zh or zh_CN</source>
      <translation>{key} 不是语言代码（例如 en、zh 或 zh_CN）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="195" />
      <source>the file ends too early: it is truncated or damaged (line {line}, column {column})</source>
      <translation>文件提前结束：它被截断或已损坏（第 {line} 行，第 {column} 列）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="227" />
      <source>{path} is not a regular file</source>
      <translation>{path} 不是普通文件</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="263" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/checks.py" line="374" />
      <source>the formula {formula} is refused: {why}</source>
      <translation>公式 {formula} 被拒绝：{why}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lessons.py" line="186" />
      <source>step {number}</source>
      <translation>第 {number} 步</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lessons.py" line="185" />
      <source>step {number} ({key})</source>
      <translation>第 {number} 步（{key}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lessons.py" line="202" />
      <source>the key 'function' is missing (the first step must give a function)</source>
      <translation>缺少键 'function'（第一步必须给出函数）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lessons.py" line="218" />
      <source>must be a non-empty list of panels ({names})</source>
      <translation>必须是非空的面板列表（{names}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lessons.py" line="227" />
      <source>must be an object of object names and values</source>
      <translation>必须是由对象名和值组成的对象</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lessons.py" line="255" />
      <source>this is not a calculus-visualizer lesson file (it needs "schema": "{schema}")</source>
      <translation>这不是 calculus-visualizer 课程文件（需要 "schema": "{schema}"）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lessons.py" line="260" />
      <source>must be a whole number from 1</source>
      <translation>必须是从 1 起的整数</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lessons.py" line="262" />
      <source>the lesson was written for a newer version of the program (lesson version {version}); this one reads up to version {most}</source>
      <translation>这个课程是为更新版本的程序编写的（课程版本 {version}）；本程序最多能读取版本 {most}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lessons.py" line="270" />
      <source>must be letters, digits, '-', '_' or '.' (up to 64)</source>
      <translation>只能包含字母、数字、'-'、'_' 或 '.'（最多 64 个）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lessons.py" line="277" />
      <source>must be a list of 1 to {most} steps</source>
      <translation>必须是包含 1 到 {most} 个步骤的列表</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/lessons.py" line="231" />
      <source>{name} is not an object name</source>
      <translation>{name} 不是对象名</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/session.py" line="107" />
      <source>must not be 0 (the secant needs two different points)</source>
      <translation>不能为 0（割线需要两个不同的点）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/session.py" line="175" />
      <source>must hold {dimension} number(s), one per variable ({variables}), got {count}</source>
      <translation>必须包含 {dimension} 个数字，每个变量（{variables}）一个，实际有 {count} 个</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/session.py" line="183" />
      <source>must be a list of 1 to {most} runs</source>
      <translation>必须是包含 1 到 {most} 次运行的列表</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/session.py" line="238" />
      <source>this is not a calculus-visualizer session file</source>
      <translation>这不是 calculus-visualizer 会话文件</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/session.py" line="244" />
      <source>the file was written by a newer version of the program (session version {version}); this one reads up to version {most}</source>
      <translation>这个文件是由更新版本的程序写入的（会话版本 {version}）；本程序最多能读取版本 {most}</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/session.py" line="208" />
      <source>is not base64 data</source>
      <translation>不是 base64 数据</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/session.py" line="236" />
      <source>this is not a calculus-visualizer session file (its schema is {schema})</source>
      <translation>这不是 calculus-visualizer 会话文件（它的 schema 是 {schema}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/classroom/session.py" line="185" />
      <source>run {number}</source>
      <translation>第 {number} 次运行</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="81" />
      <source>this function is too complex to analyse</source>
      <translation>这个函数太复杂，无法分析</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="1552" />
      <source>a function of {names} is not supported</source>
      <translation>不支持含 {names} 的函数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="179" />
      <source>{value} is not a finite number</source>
      <translation>{value} 不是有限的数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="1043" />
      <source>the Taylor order must be an integer from 0 to 10</source>
      <translation>泰勒阶数必须是 0 到 10 之间的整数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="1065" />
      <source>the function is not defined at {variable} = {at}</source>
      <translation>函数在 {variable} = {at} 处没有定义</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="1067" />
      <source>the derivative of order {order} is not defined at {variable} = {at}</source>
      <translation>{order} 阶导数在 {variable} = {at} 处没有定义</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="1150" />
      <source>a Taylor polynomial needs a function of one variable</source>
      <translation>泰勒多项式需要一元函数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="1155" />
      <source>the centre of a Taylor polynomial must be finite</source>
      <translation>泰勒多项式的展开中心必须是有限的数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="1163" />
      <source>the Taylor polynomial could not be expanded</source>
      <translation>无法展开泰勒多项式</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="1238" />
      <source>the direction must be a non-zero vector</source>
      <translation>方向必须是非零向量</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="1569" />
      <source>a range A,B needs finite numbers with A &lt; B</source>
      <translation>范围 A,B 需要两个有限的数，且 A &lt; B</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="131" />
      <source>this function cannot be differentiated symbolically</source>
      <translation>这个函数无法进行符号求导</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="1233" />
      <source>a direction needs two numbers, dx,dy</source>
      <translation>方向需要两个数：dx,dy</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="1565" />
      <source>a range needs two numbers, A,B</source>
      <translation>范围需要两个数：A,B</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/calculus.py" line="1056" />
      <source>the derivative of order {order} does not exist at {variable} = {at}</source>
      <translation>{order} 阶导数在 {variable} = {at} 处不存在</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/cli.py" line="378" />
      <source>too long to show step by step</source>
      <translation>推导太长，无法逐步展示</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/codegen.py" line="66" />
      <source>a complex number</source>
      <translation>复数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/codegen.py" line="106" />
      <source>numexpr has no literal for infinity or nan</source>
      <translation>numexpr 无法表示无穷大或 nan</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/codegen.py" line="110" />
      <source>the variable {name}</source>
      <translation>变量 {name}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/codegen.py" line="219" />
      <source>the relation {name}</source>
      <translation>关系 {name}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/codegen.py" line="323" />
      <source>{name} in this numexpr</source>
      <translation>此版本 numexpr 中的 {name}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/codegen.py" line="351" />
      <source>{name} in numexpr</source>
      <translation>numexpr 中的 {name}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/codegen.py" line="417" />
      <source>{what} cannot be evaluated numerically</source>
      <translation>{what} 无法进行数值计算</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/codegen.py" line="137" />
      <source>the function {name}</source>
      <translation>函数 {name}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="233" />
      <source>use e for Euler's number (names are case-sensitive)</source>
      <translation>欧拉数请写 e（名称区分大小写）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="234" />
      <source>complex numbers are not supported</source>
      <translation>不支持复数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="235" />
      <source>complex numbers are not supported; the variables are x and y (or t)</source>
      <translation>不支持复数；变量是 x 和 y（或 t）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="237" />
      <source>infinity is not a value a formula can use</source>
      <translation>无穷大不是公式中能用的值</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="242" />
      <source>'not a number' is not a value a formula can use</source>
      <translation>“非数”（NaN）不是公式中能用的值</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="244" />
      <source>write 1/cos(x) for the secant</source>
      <translation>正割请写 1/cos(x)</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="245" />
      <source>write 1/sin(x) for the cosecant</source>
      <translation>余割请写 1/sin(x)</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="246" />
      <source>write 1/tan(x) or cos(x)/sin(x) for the cotangent</source>
      <translation>余切请写 1/tan(x) 或 cos(x)/sin(x)</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="247" />
      <source>write log(x, 10) for a base-10 logarithm</source>
      <translation>以 10 为底的对数请写 log(x, 10)</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="248" />
      <source>write log(x, b) for a logarithm with base b</source>
      <translation>以 b 为底的对数请写 log(x, b)</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="249" />
      <source>single capital letters mean nothing here; the variables are x and y (or t)</source>
      <translation>单个大写字母在这里没有含义；变量是 x 和 y（或 t）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="253" />
      <source>use pi (names are case-sensitive)</source>
      <translation>圆周率请写 pi（名称区分大小写）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="311" />
      <source>write sqrt(x) for a square root</source>
      <translation>平方根请写 sqrt(x)</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="312" />
      <source>write cbrt(x) for a cube root</source>
      <translation>立方根请写 cbrt(x)</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="314" />
      <source>write 1/2</source>
      <translation>请写成 1/2</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="315" />
      <source>comparisons are not part of a formula</source>
      <translation>比较运算不属于公式</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="318" />
      <source>type the function itself; its derivative is computed for you</source>
      <translation>请输入函数本身；它的导数会自动算出</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="321" />
      <source>quotes are not allowed: a formula contains no text</source>
      <translation>不允许使用引号：公式里没有文字</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="326" />
      <source>'=' is not allowed: type only the formula, e.g. x^2 rather than y = x^2</source>
      <translation>不允许使用 '='：只输入公式本身，例如写 x^2 而不是 y = x^2</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="328" />
      <source>';' is not allowed: enter a single formula</source>
      <translation>不允许使用 ';'：请只输入一个公式</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="329" />
      <source>':' is not part of the formula language</source>
      <translation>':' 不属于公式语言</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="330" />
      <source>'%' is not supported; write x/100 for a percentage</source>
      <translation>不支持 '%'；百分比请写 x/100</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="333" />
      <source>braces are not used; group with ( ) or [ ]</source>
      <translation>不使用花括号；请用 ( ) 或 [ ] 分组</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="335" />
      <source>backslashes are not part of the formula language</source>
      <translation>反斜杠不属于公式语言</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="387" />
      <source>the character '{char}' at {at} ({name}) is not part of the formula language</source>
      <translation>位置 {at} 的字符 '{char}'（{name}）不属于公式语言</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="506" />
      <source>the number '{literal}' at {at} has a fractional exponent, which scientific notation does not allow (1e-5 is 10 to a whole power): for {mantissa}·e {sign} {exponent} write {mantissa}e {sign} {exponent} with spaces, for a power of ten write {mantissa}*10^({sign}{exponent})</source>
      <translation>位置 {at} 的数 '{literal}' 的指数是小数，而科学记数法只允许整数指数（1e-5 表示 10 的整数次幂）：若要表示 {mantissa}·e {sign} {exponent}，请加空格写成 {mantissa}e {sign} {exponent}；若要表示 10 的幂，请写 {mantissa}*10^({sign}{exponent})</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="512" />
      <source>the number '{literal}' at {at} has a fractional exponent, which scientific notation does not allow (1e5 is 10 to a whole power): for a power of ten write {mantissa}*10^{exponent}</source>
      <translation>位置 {at} 的数 '{literal}' 的指数是小数，而科学记数法只允许整数指数（1e5 表示 10 的整数次幂）：若要表示 10 的幂，请写 {mantissa}*10^{exponent}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="747" />
      <source>is not a real number (a negative number to a fractional power)</source>
      <translation>不是实数（负数的分数次幂）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="373" />
      <source>the character '{char}' at {at} is {name}, which only looks like {looks_like}; type the ordinary '{looks_like}'</source>
      <translation>位置 {at} 的字符 '{char}' 是 {name}，只是看起来像 {looks_like}；请输入普通的 '{looks_like}'</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="381" />
      <source>the character '{char}' at {at} ({name}) is not part of the formula language; {hint}</source>
      <translation>位置 {at} 的字符 '{char}'（{name}）不属于公式语言；{hint}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="555" />
      <source>the number '{literal}' at {at} has a second '.' at {dot}</source>
      <translation>位置 {at} 的数 '{literal}' 在位置 {dot} 有第二个 '.'</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="735" />
      <source>is too large: constants must stay below 1e{digits}</source>
      <translation>太大：常数必须小于 1e{digits}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1441" />
      <source>{name} takes {wanted}, got {count} (at {at})</source>
      <translation>{name} 需要 {wanted}，实际给了 {count} 个（位置 {at}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1450" />
      <source>write {function}(x)^2 rather than {function}^2(x) for the power of {function} (at {at})</source>
      <translation>{function} 的幂请写 {function}(x)^2，而不是 {function}^2(x)（位置 {at}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1570" />
      <source>unexpected '{text}' at {at}</source>
      <translation>位置 {at} 出现了意外的 '{text}'</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1607" />
      <source>the formula must be text, not {type}</source>
      <translation>公式必须是文本，而不是 {type}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1613" />
      <source>the formula is {length} characters long; at most {limit} are allowed</source>
      <translation>公式有 {length} 个字符；最多允许 {limit} 个</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1618" />
      <source>empty input: type a formula such as x^2</source>
      <translation>输入为空：请输入一个公式，例如 x^2</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="570" />
      <source>the number at {at} has {count} significant digits; at most {limit} are allowed</source>
      <translation>位置 {at} 的数有 {count} 位有效数字；最多允许 {limit} 位</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="585" />
      <source>the number '{literal}' at {at} is too large: numbers can be at most 1e15</source>
      <translation>位置 {at} 的数 '{literal}' 太大：数最大为 1e15</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="592" />
      <source>the number '{literal}' at {at} is too small: the smallest allowed is 1e-{limit}</source>
      <translation>位置 {at} 的数 '{literal}' 太小：允许的最小值是 1e-{limit}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="742" />
      <source>is undefined: it divides by zero</source>
      <translation>无定义：它除以了零</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="770" />
      <source>is undefined: a logarithm needs a positive number</source>
      <translation>无定义：对数需要正数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="897" />
      <source>the formula is nested too deeply at {at}: at most {limit} levels of brackets, functions and powers</source>
      <translation>公式在位置 {at} 嵌套太深：括号、函数和幂最多 {limit} 层</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="942" />
      <source>the formula takes too long to check (at {at}); simplify its constants</source>
      <translation>检查公式用时太长（位置 {at}）；请简化其中的常数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="956" />
      <source>the formula is too large at {at}: its expression tree would have {size} parts (at most {limit}; gelu and cbrt repeat their argument)</source>
      <translation>公式在位置 {at} 太大：它的表达式树会有 {size} 个部分（最多 {limit} 个；gelu 和 cbrt 会重复其参数）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1073" />
      <source>the numbers in the formula at {at} are too large together</source>
      <translation>公式中位置 {at} 的数合起来太大</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1114" />
      <source>the exponent in '{snippet}' at {at} is too large: a variable can be raised to a power of at most {limit}</source>
      <translation>位置 {at} 的 '{snippet}' 中指数太大：变量的幂次最多为 {limit}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1158" />
      <source>the exponent in '{snippet}' at {at} is too large: a constant can be raised to a power of at most {limit}</source>
      <translation>位置 {at} 的 '{snippet}' 中指数太大：常数的幂次最多为 {limit}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1172" />
      <source>'{snippet}' at {at} is too big a number: it would need more than {limit} digits to write exactly</source>
      <translation>位置 {at} 的 '{snippet}' 这个数太大：精确写出需要超过 {limit} 位数字</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1182" />
      <source>division by zero at {at}: '{snippet}' is 0</source>
      <translation>位置 {at} 除以零：'{snippet}' 等于 0</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1277" />
      <source>'!!' at {at}: double factorials are not supported; write (n!)! for the factorial of a factorial</source>
      <translation>位置 {at} 的 '!!'：不支持双阶乘；若要表示阶乘的阶乘，请写 (n!)!</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1286" />
      <source>'{snippet}' at {at} is undefined: there is no factorial of a negative whole number</source>
      <translation>位置 {at} 的 '{snippet}' 无定义：负整数没有阶乘</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1293" />
      <source>'{snippet}' at {at} is too large: a factorial can be taken of numbers up to {limit}</source>
      <translation>位置 {at} 的 '{snippet}' 太大：只能对不超过 {limit} 的数求阶乘</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1333" />
      <source>'{name}' at {at} cannot be used together with x or y: t is the variable of a function of time; use t alone, or x and y</source>
      <translation>位置 {at} 的 '{name}' 不能与 x 或 y 一起使用：t 是时间函数的变量；请单独使用 t，或者使用 x 和 y</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1337" />
      <source>'{name}' at {at} cannot be used together with t: t is the variable of a function of time; use t alone, or x and y</source>
      <translation>位置 {at} 的 '{name}' 不能与 t 一起使用：t 是时间函数的变量；请单独使用 t，或者使用 x 和 y</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1347" />
      <source>empty brackets at {at}</source>
      <translation>位置 {at} 的括号是空的</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1370" />
      <source>missing '{closer}' to close the '{opener}' at {at}</source>
      <translation>缺少 '{closer}' 来闭合位置 {at} 的 '{opener}'</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1433" />
      <source>{low} or more arguments</source>
      <translation>{low} 个或更多参数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1453" />
      <source>for a logarithm with base {base} write log(x, {base}) (at {at})</source>
      <translation>以 {base} 为底的对数请写 log(x, {base})（位置 {at}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1456" />
      <source>{function} at {at} needs its argument in parentheses, e.g. {function}(x)</source>
      <translation>位置 {at} 的 {function} 需要把参数放在括号里，例如 {function}(x)</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1466" />
      <source>'{word}' at {at} is not a function this program knows (names never contain '_')</source>
      <translation>位置 {at} 的 '{word}' 不是本程序认识的函数（名称中不会有 '_'）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1468" />
      <source>'{word}' at {at} is not a name this program knows (names never contain '_')</source>
      <translation>位置 {at} 的 '{word}' 不是本程序认识的名称（名称中不会有 '_'）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1508" />
      <source>the superscript '{text}' at {at} needs something before it, like x²</source>
      <translation>位置 {at} 的上标 '{text}' 前面需要有内容，例如 x²</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1515" />
      <source>the formula cannot start with '{text}'</source>
      <translation>公式不能以 '{text}' 开头</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1527" />
      <source>missing the exponent after '{previous}' at {at}</source>
      <translation>位置 {at} 的 '{previous}' 后面缺少指数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1529" />
      <source>missing a term after '{previous}' at {at}</source>
      <translation>位置 {at} 的 '{previous}' 后面缺少一项</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1533" />
      <source>missing an argument after ',' at {at}</source>
      <translation>位置 {at} 的 ',' 后面缺少参数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1537" />
      <source>missing an argument before ',' at {at}</source>
      <translation>位置 {at} 的 ',' 前面缺少参数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1552" />
      <source>'{text}' at {at} needs something on its left</source>
      <translation>位置 {at} 的 '{text}' 左边需要有内容</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1560" />
      <source>unmatched '{text}' at {at}</source>
      <translation>位置 {at} 的 '{text}' 没有配对</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1565" />
      <source>',' at {at} is out of place: commas only separate the arguments of a function, like max(x, 1)</source>
      <translation>位置 {at} 的 ',' 用错了地方：逗号只用来分隔函数的参数，例如 max(x, 1)</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="760" />
      <source>is undefined: {name} needs a number from -1 to 1</source>
      <translation>无定义：{name} 需要 -1 到 1 之间的数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="780" />
      <source>is undefined: it divides by zero or is infinite</source>
      <translation>无定义：它除以了零或是无穷大</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="931" />
      <source>'{snippet}' at {at} cannot be worked out exactly: a constant in it is too close to call; try simpler numbers</source>
      <translation>位置 {at} 的 '{snippet}' 无法精确算出：其中的常数太接近临界值，无法判断；请换用更简单的数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="950" />
      <source>'{snippet}' at {at} {reason}</source>
      <translation>位置 {at} 的 '{snippet}' {reason}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1361" />
      <source>the '{opener}' at {at} is closed by '{closer}' at {closer_at}; use '{expected}'</source>
      <translation>位置 {at} 的 '{opener}' 被位置 {closer_at} 的 '{closer}' 闭合了；请用 '{expected}'</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1390" />
      <source>missing '|' to close the '|' at {at} before the '{found}' at {found_at}</source>
      <translation>在位置 {found_at} 的 '{found}' 之前缺少 '|' 来闭合位置 {at} 的 '|'</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1423" />
      <source>the base of the logarithm at {at} must be positive and not 1</source>
      <translation>位置 {at} 的对数底数必须是正数且不等于 1</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1435" />
      <source>1 argument</source>
      <translation>1 个参数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1472" />
      <source>'{word}' at {at} is not a function this program knows: {hint}</source>
      <translation>位置 {at} 的 '{word}' 不是本程序认识的函数：{hint}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1474" />
      <source>'{word}' at {at} is not a name this program knows: {hint}</source>
      <translation>位置 {at} 的 '{word}' 不是本程序认识的名称：{hint}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1522" />
      <source>'{text}' at {at} cannot follow '{previous}' at {previous_at}</source>
      <translation>位置 {at} 的 '{text}' 不能紧跟在位置 {previous_at} 的 '{previous}' 后面</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1013" />
      <source>becomes {expr}, which this program cannot check</source>
      <translation>会变成 {expr}，本程序无法检查</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1437" />
      <source>{low} arguments</source>
      <translation>{low} 个参数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1439" />
      <source>{low} or {high} arguments</source>
      <translation>{low} 或 {high} 个参数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1477" />
      <source>'{word}' at {at} is not a function this program knows — did you mean '{suggestion}'? (names are case-sensitive)</source>
      <translation>位置 {at} 的 '{word}' 不是本程序认识的函数——你是想写 '{suggestion}' 吗？（名称区分大小写）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1479" />
      <source>unknown name '{word}' at {at} — did you mean '{suggestion}'? (names are case-sensitive)</source>
      <translation>位置 {at} 的名称 '{word}' 未知——你是想写 '{suggestion}' 吗？（名称区分大小写）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1483" />
      <source>'{word}' at {at} is not a function this program knows — did you mean '{suggestion}'?</source>
      <translation>位置 {at} 的 '{word}' 不是本程序认识的函数——你是想写 '{suggestion}' 吗？</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1485" />
      <source>unknown name '{word}' at {at} — did you mean '{suggestion}'?</source>
      <translation>位置 {at} 的名称 '{word}' 未知——你是想写 '{suggestion}' 吗？</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1227" />
      <source>the number '{number}' at {at} follows '{before}' directly; put '*' between them to multiply (or '^' for a power)</source>
      <translation>位置 {at} 的数 '{number}' 紧跟在 '{before}' 后面；相乘请在中间加 '*'（乘方请加 '^'）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1488" />
      <source>'{word}' at {at} is not a function this program knows; the variables are x and y (or t for time)</source>
      <translation>位置 {at} 的 '{word}' 不是本程序认识的函数；变量是 x 和 y（时间函数用 t）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1490" />
      <source>unknown name '{word}' at {at}; the variables are x and y (or t for time)</source>
      <translation>位置 {at} 的名称 '{word}' 未知；变量是 x 和 y（时间函数用 t）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1494" />
      <source>'{word}' at {at} is not a function this program knows</source>
      <translation>位置 {at} 的 '{word}' 不是本程序认识的函数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="1495" />
      <source>unknown name '{word}' at {at}</source>
      <translation>位置 {at} 的名称 '{word}' 未知</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="416" />
      <source>the line break at {at} is not allowed: write the formula on one line</source>
      <translation>位置 {at} 不允许换行：请把公式写在一行里</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="422" />
      <source>the control character U+{code} {name} at {at} is not allowed: it can hide or reorder what the formula says; delete it</source>
      <translation>位置 {at} 不允许有控制字符 U+{code} {name}：它会隐藏或打乱公式的内容；请删除它</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="426" />
      <source>the invisible character U+{code} {name} at {at} is not allowed: it can hide or reorder what the formula says; delete it</source>
      <translation>位置 {at} 不允许有不可见字符 U+{code} {name}：它会隐藏或打乱公式的内容；请删除它</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="433" />
      <source>the invisible character U+{code} {name} at {at} is not allowed; delete it</source>
      <translation>位置 {at} 不允许有不可见字符 U+{code} {name}；请删除它</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="986" />
      <source>is not a real number</source>
      <translation>不是实数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="990" />
      <source>contains {expr}, which this program cannot check</source>
      <translation>含有 {expr}，本程序无法检查</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="670" />
      <source>the superscript '{written}' at {at} needs digits after it</source>
      <translation>位置 {at} 的上标 '{written}' 后面需要数字</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="673" />
      <source>the superscript '{written}' at {at} is too long</source>
      <translation>位置 {at} 的上标 '{written}' 太长</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="684" />
      <source>'.' at {at} is not allowed: attribute access like x.diff is not part of the formula language</source>
      <translation>位置 {at} 不允许有 '.'：像 x.diff 这样的属性访问不属于公式语言</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="689" />
      <source>'.' at {at} is not part of a number</source>
      <translation>位置 {at} 的 '.' 不属于任何数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="697" />
      <source>{reason} (at {at})</source>
      <translation>{reason}（位置 {at}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/expression.py" line="701" />
      <source>the character '{char}' at {at} is not part of the formula language</source>
      <translation>位置 {at} 的字符 '{char}' 不属于公式语言</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="825" />
      <source>undefined (nan)</source>
      <translation>无定义（nan）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="826" />
      <source>not a real number</source>
      <translation>非实数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="827" />
      <source>overflow</source>
      <translation>溢出</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="828" />
      <source>infinite</source>
      <translation>无穷大</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="829" />
      <source>division by zero</source>
      <translation>除以零</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="830" />
      <source>math domain error</source>
      <translation>超出数学定义域</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="831" />
      <source>math range error</source>
      <translation>超出数值范围</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="352" />
      <source>it takes {names}</source>
      <translation>它接受 {names}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="162" />
      <source>{name} must be a number, got {value}</source>
      <translation>{name} 必须是数，实际给了 {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="170" />
      <source>{name} must be a finite number, got {value}</source>
      <translation>{name} 必须是有限数，实际给了 {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="351" />
      <source>only lr</source>
      <translation>只接受 lr</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="227" />
      <source>unknown optimizer {name}; choose one of {choices}</source>
      <translation>未知的优化器 {name}；请从 {choices} 中选择</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="246" />
      <source>the learning rate lr must be a positive finite number, got {lr}</source>
      <translation>学习率 lr 必须是正的有限数，实际给了 {lr}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="254" />
      <source>steps must be a whole number, got {steps}</source>
      <translation>步数必须是整数，实际给了 {steps}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="257" />
      <source>steps must be between 0 and {most}, got {steps}</source>
      <translation>步数必须在 0 到 {most} 之间，实际给了 {steps}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="262" />
      <source>{name} must be 0 or more, got {value}</source>
      <translation>{name} 必须大于或等于 0，实际给了 {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="980" />
      <source>the start gives {count} coordinate(s) but the function uses {names}</source>
      <translation>起点给了 {count} 个坐标，但函数使用的是 {names}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="236" />
      <source>{optimizer} has no {setting} setting ({settings})</source>
      <translation>{optimizer} 没有 {setting} 设置（{settings}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="267" />
      <source>{optimizer} needs a momentum in (0, 1), got {mu}</source>
      <translation>{optimizer} 需要 (0, 1) 内的动量，实际给了 {mu}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="271" />
      <source>momentum must be in [0, 1) (with 1 or more the velocity never decays), got {mu}</source>
      <translation>动量必须在 [0, 1) 内（取 1 或更大时速度永不衰减），实际给了 {mu}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="281" />
      <source>dampening must be in [0, 1], got {tau}</source>
      <translation>阻尼 dampening 必须在 [0, 1] 内，实际给了 {tau}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="284" />
      <source>nesterov momentum needs dampening 0 (as in torch.optim.SGD)</source>
      <translation>nesterov 动量要求 dampening 为 0（与 torch.optim.SGD 相同）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="294" />
      <source>betas must be two numbers B1,B2, got {betas}</source>
      <translation>betas 必须是两个数 B1,B2，实际给了 {betas}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="305" />
      <source>eps must be a positive number, got {eps}</source>
      <translation>eps 必须是正数，实际给了 {eps}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="310" />
      <source>{name} must be in [0, 1), got {value}</source>
      <translation>{name} 必须在 [0, 1) 内，实际给了 {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="967" />
      <source>Newton's method needs the Hessian sources</source>
      <translation>牛顿法需要海森矩阵的源代码</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="976" />
      <source>the start must be {count} number(s), got {start}</source>
      <translation>起点必须是 {count} 个数，实际给了 {start}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="994" />
      <source>f is not defined at the start {where} ({why})</source>
      <translation>f 在起点 {where} 处无定义（{why}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/optimizers.py" line="985" />
      <source>the start's {variable}</source>
      <translation>起点的 {variable}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/steps.py" line="394" />
      <source>no rule of the steps covers {name}: only f′ is shown</source>
      <translation>逐步求导的法则不包括 {name}：只显示 f′</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/steps.py" line="600" />
      <source>a step of the derivation did not check: only f′ is shown</source>
      <translation>推导中有一步没有通过验算：只显示 f′</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="180" />
      <source>it exited with status {status}</source>
      <translation>它以状态码 {status} 退出</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="179" />
      <source>it was stopped by signal {signal}</source>
      <translation>它被信号 {signal} 终止</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="584" />
      <source>the function text is missing</source>
      <translation>缺少函数文本</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="600" />
      <source>the range {low},{high} needs A &lt; B, both finite</source>
      <translation>范围 {low},{high} 需要 A &lt; B，且两者都是有限的数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="661" />
      <source>the centre of a Taylor polynomial must be a number</source>
      <translation>泰勒多项式的展开中心必须是一个数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="678" />
      <source>the number of steps shown must be a positive integer</source>
      <translation>显示的步骤数必须是正整数</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="177" />
      <source>it stopped answering</source>
      <translation>它不再响应</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="595" />
      <source>a range needs two numbers, not {value}</source>
      <translation>范围需要两个数，而不是 {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="727" />
      <source>unknown request {op}</source>
      <translation>未知请求 {op}</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="742" />
      <source>this function could not be analysed ({name})</source>
      <translation>无法分析这个函数（{name}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="825" />
      <source>the result could not be encoded</source>
      <translation>无法编码结果</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="434" />
      <source>the symbolic helper did not start in time</source>
      <translation>符号计算辅助进程未能及时启动</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="421" />
      <source>the symbolic helper process stopped unexpectedly ({description}); it has been restarted, please try again</source>
      <translation>符号计算辅助进程意外停止（{description}）；它已重新启动，请再试一次</translation>
    </message>
    <message>
      <location filename="../../visualizer/core/worker.py" line="445" />
      <source>too complex to analyse in time (over {seconds} s)</source>
      <translation>太复杂，无法及时分析（超过 {seconds} 秒）</translation>
    </message>
    <message>
      <location filename="../../visualizer/descent_model.py" line="78" />
      <source>the lab keeps at most {most} steps per run, got {steps}</source>
      <translation>实验室每个运行最多保留 {most} 步，实际给了 {steps}</translation>
    </message>
    <message>
      <location filename="../../visualizer/descent_model.py" line="602" />
      <source>the lab needs at least one run</source>
      <translation>实验室至少需要一个运行</translation>
    </message>
    <message>
      <location filename="../../visualizer/descent_model.py" line="658" />
      <source>the speed must be a finite number, got {value}</source>
      <translation>速度必须是有限数，实际给了 {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/descent_model.py" line="830" />
      <source>the start needs {count} coordinate(s) ({names})</source>
      <translation>起点需要 {count} 个坐标（{names}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/descent_model.py" line="835" />
      <source>the start must be finite numbers</source>
      <translation>起点必须是有限数</translation>
    </message>
    <message>
      <location filename="../../visualizer/descent_model.py" line="842" />
      <source>f is not defined at the start {where}</source>
      <translation>f 在起点 {where} 处无定义</translation>
    </message>
    <message>
      <location filename="../../visualizer/descent_model.py" line="824" />
      <source>the start must be numbers, got {point}</source>
      <translation>起点必须是数，实际给了 {point}</translation>
    </message>
    <message>
      <source>'!' (factorial) is not supported</source>
      <translation type="vanished">不支持 '!'（阶乘）</translation>
    </message>
    <message>
      <source>is not a real number (a negative number to a fractional power); use cbrt(...) for the real cube root</source>
      <translation type="vanished">不是实数（负数的分数次幂）；实数立方根请用 cbrt(...)</translation>
    </message>
  </context>
  <context>
    <name>FunctionEditor</name>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="146" />
      <source>Function</source>
      <translation>函数</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="147" />
      <source>Type a function of x (or t), or of x and y.
Examples: x^2, 3sin(x), |x|, relu(x), x^2 + xy + y^2.
Functions: sin cos tan asin acos atan sinh cosh tanh exp log ln sqrt cbrt
abs sign max min relu sigmoid softplus gelu; constants pi and e.</source>
      <translation>输入 x（或 t）的函数，或 x 和 y 的函数。
例如：x^2、3sin(x)、|x|、relu(x)、x^2 + xy + y^2。
函数：sin cos tan asin acos atan sinh cosh tanh exp log ln sqrt cbrt
abs sign max min relu sigmoid softplus gelu；常数 pi 和 e。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="152" />
      <source>f(x) = …  e.g. x^2 + 1</source>
      <translation>f(x) = …  例如 x^2 + 1</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="158" />
      <source>Function library</source>
      <translation>函数库列表</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="159" />
      <source>Functions worked in the chapters, and classic examples</source>
      <translation>教材中讲解过的函数，以及经典例子</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="199" />
      <source>y from</source>
      <translation>y 从</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="200" />
      <source>x from</source>
      <translation>x 从</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="203" />
      <source>Library</source>
      <translation>函数库</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="236" />
      <source>Choose a function…</source>
      <translation>选择一个函数…</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="186" />
      <source>f =</source>
      <translation>f =</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="286" />
      <source>The start of a range must be below its end.</source>
      <translation>范围的起点必须小于终点。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="318" />
      <source>Type a function, for example x^2.</source>
      <translation>请输入一个函数，例如 x^2。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="231" />
      <source>Range of {0}</source>
      <translation>{0} 的范围</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="232" />
      <source>The part of the {0} axis that is drawn and searched</source>
      <translation>{0} 轴上被绘制和搜索的部分</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="323" />
      <source>(at character {0})</source>
      <translation>（在第 {0} 个字符处）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="325" />
      <source>Still showing {0}.</source>
      <translation>仍在显示 {0}。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/function_editor.py" line="248" />
      <source>chapter</source>
      <translation>章节</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../visualizer/app.py" line="90" />
      <source>Calculus Visualizer</source>
      <translation>微积分可视化</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="255" />
      <source>The saved window layout was damaged: the panels are back in their usual places.</source>
      <translation>保存的窗口布局已损坏，各面板已回到原来的位置。</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="282" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="288" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="290" />
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="292" />
      <source>&amp;Undo</source>
      <translation>撤销(&amp;U)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="294" />
      <source>&amp;Redo</source>
      <translation>重做(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="301" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="304" />
      <source>Restore &amp;layout</source>
      <translation>恢复布局(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="306" />
      <source>All labs &amp;side by side</source>
      <translation>全部实验并排显示(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="309" />
      <source>&amp;Theme</source>
      <translation>主题(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="311" />
      <source>Light</source>
      <translation>浅色</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="311" />
      <source>Dark</source>
      <translation>深色</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="312" />
      <source>Projector (high contrast, large)</source>
      <translation>投影仪（高对比度、大字号）</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="320" />
      <source>Zoom &amp;in</source>
      <translation>放大(&amp;I)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="321" />
      <source>Make all text and lines larger</source>
      <translation>放大所有文字和线条</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="322" />
      <source>Zoom &amp;out</source>
      <translation>缩小(&amp;O)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="323" />
      <source>Make all text and lines smaller</source>
      <translation>缩小所有文字和线条</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="324" />
      <source>&amp;Actual size</source>
      <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="327" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="328" />
      <source>&amp;Keyboard shortcuts and function language</source>
      <translation>键盘快捷键与函数语法(&amp;K)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="330" />
      <source>&amp;About</source>
      <translation>关于(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="336" />
      <source>Lan&amp;guage</source>
      <translation>语言(&amp;G)</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="476" />
      <source>Keyboard shortcuts and function language</source>
      <translation>键盘快捷键与函数语法</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="483" />
      <source>About</source>
      <translation>关于</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="483" />
      <source>Calculus Visualizer — see the calculus behind deep learning: secants becoming tangents, gradients, and gradient descent.</source>
      <translation>微积分可视化 —— 看见深度学习背后的微积分：割线变成切线、梯度与梯度下降。</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="62" />
      <source>Function</source>
      <translation>函数</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="63" />
      <source>Derivative lab</source>
      <translation>导数实验</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="64" />
      <source>Surface lab</source>
      <translation>曲面实验</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="65" />
      <source>Descent lab</source>
      <translation>梯度下降实验</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="305" />
      <source>Put every panel back where it starts: the labs as tabs</source>
      <translation>把每个面板放回初始位置：各实验以标签页排列</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="307" />
      <source>Show the derivative, surface and descent labs at once</source>
      <translation>同时显示导数、曲面和梯度下降实验</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="341" />
      <source>System default</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="345" />
      <source>Show the interface in this language</source>
      <translation>以此语言显示界面</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="451" />
      <source>Derivative lab: select P₀ or P</source>
      <translation>导数实验：选择 P₀ 或 P</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="452" />
      <source>Derivative lab: move the selected point</source>
      <translation>导数实验：移动选中的点</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="453" />
      <source>Derivative lab: h ÷ 10 / h × 10</source>
      <translation>导数实验：h ÷ 10 / h × 10</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="454" />
      <source>Surface lab: move the point on the contour map</source>
      <translation>曲面实验：在等高线图上移动点</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="455" />
      <source>Surface lab: turn the direction u</source>
      <translation>曲面实验：旋转方向 u</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="456" />
      <source>Surface lab: snap u to the gradient</source>
      <translation>曲面实验：让 u 对齐梯度方向</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="457" />
      <source>Descent lab: step / run or pause / reset</source>
      <translation>下降实验：单步 / 运行或暂停 / 重置</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="458" />
      <source>Lesson: next / previous step (a clicker sends these)</source>
      <translation>课程：下一步 / 上一步（翻页笔发送这些键）</translation>
    </message>
    <message>
      <location filename="../../visualizer/main_window.py" line="466" />
      <source>Variables: x (and y), or t for a function of time.
Numbers: 2, 0.5, 1e-3; constants pi (π) and e.
Operators: + - * / and ^ or ** for powers; 2x, xy, 3sin(x) multiply.
|x| is the absolute value. x², π, ×, · and − can be pasted.
Functions: sin cos tan asin acos atan sinh cosh tanh exp log ln sqrt cbrt
abs sign max min, and relu sigmoid softplus gelu.
log(x) is natural; log(x, b) has base b.</source>
      <translation>变量：x（和 y），或表示时间函数的 t。
数字：2、0.5、1e-3；常数 pi（π）和 e。
运算符：+ - * /，乘方用 ^ 或 **；2x、xy、3sin(x) 表示相乘。
|x| 是绝对值。可以粘贴 x²、π、×、· 和 −。
函数：sin cos tan asin acos atan sinh cosh tanh exp log ln sqrt cbrt
abs sign max min，以及 relu sigmoid softplus gelu。
log(x) 是自然对数；log(x, b) 以 b 为底。</translation>
    </message>
    <message>
      <source>Function &amp;language</source>
      <translation type="vanished">函数语法(&amp;L)</translation>
    </message>
    <message>
      <source>Function language</source>
      <translation type="vanished">函数语法</translation>
    </message>
    <message>
      <source>Variables: x (and y), or t for a function of time.
Numbers: 2, 0.5, 1e-3; constants pi (π) and e.
Operators: + - * / and ^ or ** for powers; 2x, xy, 3sin(x) multiply.
|x| is the absolute value. x², π, ×, · and − can be pasted.
Functions: sin cos tan asin acos atan sinh cosh tanh exp log ln sqrt cbrt
abs sign max min, and relu sigmoid softplus gelu.
log(x) is natural; log(x, b) has base b.

Undo: Ctrl+Z   Redo: Ctrl+Shift+Z   Zoom: Ctrl+= / Ctrl+-</source>
      <translation type="vanished">变量：x（和 y），或表示时间函数的 t。
数字：2、0.5、1e-3；常数 pi（π）和 e。
运算符：+ - * /，乘方用 ^ 或 **；2x、xy、3sin(x) 表示相乘。
|x| 是绝对值。可以粘贴 x²、π、×、· 和 −。
函数：sin cos tan asin acos atan sinh cosh tanh exp log ln sqrt cbrt
abs sign max min，以及 relu sigmoid softplus gelu。
log(x) 是自然对数；log(x, b) 以 b 为底。

撤销：Ctrl+Z   重做：Ctrl+Shift+Z   缩放：Ctrl+= / Ctrl+-</translation>
    </message>
  </context>
  <context>
    <name>Model</name>
    <message>
      <location filename="../../visualizer/model.py" line="326" />
      <source>Move P₀</source>
      <translation>移动 P₀</translation>
    </message>
    <message>
      <location filename="../../visualizer/model.py" line="333" />
      <source>Move P</source>
      <translation>移动 P</translation>
    </message>
    <message>
      <location filename="../../visualizer/model.py" line="337" />
      <source>Move point</source>
      <translation>移动点</translation>
    </message>
    <message>
      <location filename="../../visualizer/model.py" line="344" />
      <source>Turn direction</source>
      <translation>旋转方向</translation>
    </message>
    <message>
      <location filename="../../visualizer/model.py" line="348" />
      <source>Change x range</source>
      <translation>更改 x 范围</translation>
    </message>
    <message>
      <location filename="../../visualizer/model.py" line="352" />
      <source>Change y range</source>
      <translation>更改 y 范围</translation>
    </message>
    <message>
      <location filename="../../visualizer/model.py" line="359" />
      <source>Change Taylor order</source>
      <translation>更改泰勒阶数</translation>
    </message>
    <message>
      <location filename="../../visualizer/model.py" line="365" />
      <source>Change precision</source>
      <translation>更改精度</translation>
    </message>
    <message>
      <location filename="../../visualizer/model.py" line="572" />
      <source>Function {text}</source>
      <translation>函数 {text}</translation>
    </message>
  </context>
  <context>
    <name>SecantLimitView</name>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="61" />
      <source>The precision the difference quotients are computed in. Deep learning trains in float32 and float16, and the bottom of the error V moves with it.

How it is emulated (honestly, but approximately): the function is compiled for float64. x₀ and h are rounded to the chosen type and x₀ + h is formed in it (so it can round back to x₀); f is evaluated in float64 and each value is rounded to the chosen type; the subtraction and the division then happen in that type. Rounding inside f itself is not emulated, so real low-precision code can be a little worse.</source>
      <translation>差商计算所用的精度。深度学习用 float32 和 float16 训练，误差 V 形曲线的谷底也随之移动。

模拟方式（如实但近似）：函数按 float64 编译。x₀ 和 h 先舍入到所选类型，x₀ + h 也在该类型中计算（因此可能舍入回 x₀）；f 在 float64 中求值，每个值再舍入到所选类型；随后的减法和除法都在该类型中进行。f 内部的舍入没有被模拟，所以真实的低精度代码可能会稍差一些。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="443" />
      <source>h = 0 here</source>
      <translation>此处 h = 0</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="445" />
      <source>overflow</source>
      <translation>溢出</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="453" />
      <source>0 (exact)</source>
      <translation>0（精确）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="102" />
      <source>Floating-point precision of the quotients</source>
      <translation>差商的浮点精度</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="104" />
      <source>Precision:</source>
      <translation>精度：</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="120" />
      <source>Error of the difference quotients against h, log–log</source>
      <translation>差商误差随 h 的变化，双对数坐标</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="121" />
      <source>Error |quotient − f′(x₀)| against h, both on logarithmic axes. Right arm: truncation error (the secant is not the tangent), falling with h. Left arm: round-off error, rising as h gets tiny. The star marks the best h.</source>
      <translation>误差 |差商 − f′(x₀)| 随 h 的变化，两轴均为对数刻度。右臂：截断误差（割线不是切线），随 h 减小而下降。左臂：舍入误差，h 极小时上升。星号标出最佳 h。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="127" />
      <source>step h</source>
      <translation>步长 h</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="128" />
      <source>error</source>
      <translation>误差</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="149" />
      <source>Table of difference quotients for shrinking h</source>
      <translation>h 逐渐缩小时的差商表</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="425" />
      <source>Truncation error: a secant is not the tangent; by Taylor, the forward quotient is off by about |f″(x₀)|·h/2, which shrinks as h does.
Round-off error: f(x₀ + h) and f(x₀) agree in almost all their digits, so their difference keeps only a few correct ones (each value is only known to about ε·|f|), and dividing by a tiny h magnifies what was lost: about ε·|f|/h.
Their sum falls, then rises: the V. Its bottom, near h ≈ √(ε·|f|/|f″|), is the best step. Lower precision (larger ε) lifts the left arm and moves the bottom to a larger h.</source>
      <translation>截断误差：割线不是切线；由泰勒展开，前向差商约偏差 |f″(x₀)|·h/2，随 h 一起缩小。
舍入误差：f(x₀ + h) 与 f(x₀) 的绝大多数数位相同，二者之差只剩下少数几位正确的数字（每个值的精度只有约 ε·|f|），再除以很小的 h，损失被放大：约为 ε·|f|/h。
两者之和先降后升：形成 V 形。其谷底在 h ≈ √(ε·|f|/|f″|) 附近，就是最佳步长。精度越低（ε 越大），左臂越高，谷底移向更大的 h。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="156" />
      <source>h</source>
      <translation>h</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="156" />
      <source>The step h = 10⁻ᵏ</source>
      <translation>步长 h = 10⁻ᵏ</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="157" />
      <source>forward</source>
      <translation>前向</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="157" />
      <source>(f(x₀ + h) − f(x₀)) / h: the slope of the secant to the right</source>
      <translation>(f(x₀ + h) − f(x₀)) / h：右侧割线的斜率</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="158" />
      <source>|forward − f′(x₀)| (against the right derivative at a kink)</source>
      <translation>|前向 − f′(x₀)|（在折点处与右导数比较）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="159" />
      <source>backward</source>
      <translation>后向</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="159" />
      <source>(f(x₀) − f(x₀ − h)) / h: the slope of the secant to the left</source>
      <translation>(f(x₀) − f(x₀ − h)) / h：左侧割线的斜率</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="160" />
      <source>|backward − f′(x₀)| (against the left derivative at a kink)</source>
      <translation>|后向 − f′(x₀)|（在折点处与左导数比较）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="161" />
      <source>central</source>
      <translation>中心</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="161" />
      <source>(f(x₀ + h) − f(x₀ − h)) / (2h): truncation error ∝ h², not h</source>
      <translation>(f(x₀ + h) − f(x₀ − h)) / (2h)：截断误差 ∝ h²，而不是 h</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="162" />
      <source>|central − f′(x₀)|</source>
      <translation>|中心 − f′(x₀)|</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="275" />
      <source>The limit table needs a function of one variable.</source>
      <translation>极限表需要一元函数。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="366" />
      <source>best h</source>
      <translation>最佳 h</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="397" />
      <source>No derivative at x₀: the quotients grow without bound.</source>
      <translation>x₀ 处没有导数：差商无限增大。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="385" />
      <source>Every quotient is exact here (f is straight on each side): no V.</source>
      <translation>这里每个差商都是精确的（f 在每一侧都是直线）：没有 V 形。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="386" />
      <source>The quotients grow without bound (see the table): there is no derivative to miss.</source>
      <translation>差商无限增大（见表）：这里本来就没有导数可逼近。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="417" />
      <source>&lt;span style='color:{f}'&gt;●&lt;/span&gt; forward &lt;span style='color:{b}'&gt;▼&lt;/span&gt; backward &lt;span style='color:{c}'&gt;■&lt;/span&gt; central. &lt;span style='color:{m}'&gt;- - -&lt;/span&gt; &lt;b&gt;truncation&lt;/b&gt; ≈ |f″|·h/2 shrinks with h; &lt;span style='color:{m}'&gt;· · ·&lt;/span&gt; &lt;b&gt;round-off&lt;/b&gt; ≈ ε·|f|/h grows (ε = {eps} in {precision}). The best h is the bottom of the V.</source>
      <translation>&lt;span style='color:{f}'&gt;●&lt;/span&gt; 前向 &lt;span style='color:{b}'&gt;▼&lt;/span&gt; 后向 &lt;span style='color:{c}'&gt;■&lt;/span&gt; 中心。&lt;span style='color:{m}'&gt;- - -&lt;/span&gt; &lt;b&gt;截断误差&lt;/b&gt; ≈ |f″|·h/2，随 h 缩小；&lt;span style='color:{m}'&gt;· · ·&lt;/span&gt; &lt;b&gt;舍入误差&lt;/b&gt; ≈ ε·|f|/h，随 h 增大（{precision} 中 ε = {eps}）。最佳 h 位于 V 形的谷底。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="282" />
      <source>f is not defined at x₀ = {x}: there is nothing to differentiate.</source>
      <translation>f 在 x₀ = {x} 处没有定义：无从求导。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="393" />
      <source>A kink: forward quotients → right slope {right}, backward → left slope {left}, central → nothing.</source>
      <translation>折点：前向差商 → 右斜率 {right}，后向 → 左斜率 {left}，中心 → 无极限。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="403" />
      <source>Best forward h here: &lt;b&gt;{h}&lt;/b&gt; (error {error}).</source>
      <translation>此处最佳前向 h：&lt;b&gt;{h}&lt;/b&gt;（误差 {error}）。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_limits.py" line="408" />
      <source>Theory: h ≈ √(ε·|f|/|f″|) ≈ {h}.</source>
      <translation>理论值：h ≈ √(ε·|f|/|f″|) ≈ {h}。</translation>
    </message>
    <message>
      <source>&lt;span style='color:{f}'&gt;●&lt;/span&gt; forward &amp;nbsp; &lt;span style='color:{b}'&gt;▼&lt;/span&gt; backward &amp;nbsp; &lt;span style='color:{c}'&gt;■&lt;/span&gt; central &amp;nbsp; &lt;span style='color:{m}'&gt;- - -&lt;/span&gt; truncation ≈ |f″|·h/2 &amp;nbsp; &lt;span style='color:{m}'&gt;· · ·&lt;/span&gt; round-off ≈ ε·|f|/h</source>
      <translation type="vanished">&lt;span style='color:{f}'&gt;●&lt;/span&gt; 前向 &amp;nbsp; &lt;span style='color:{b}'&gt;▼&lt;/span&gt; 后向 &amp;nbsp; &lt;span style='color:{c}'&gt;■&lt;/span&gt; 中心 &amp;nbsp; &lt;span style='color:{m}'&gt;- - -&lt;/span&gt; 截断 ≈ |f″|·h/2 &amp;nbsp; &lt;span style='color:{m}'&gt;· · ·&lt;/span&gt; 舍入 ≈ ε·|f|/h</translation>
    </message>
    <message>
      <source>&lt;b&gt;Truncation&lt;/b&gt; ≈ |f″|·h/2 shrinks with h; &lt;b&gt;round-off&lt;/b&gt; ≈ ε·|f|/h grows (ε = {eps} in {precision}). The best h is the bottom of the V.</source>
      <translation type="vanished">&lt;b&gt;截断误差&lt;/b&gt; ≈ |f″|·h/2，随 h 缩小；&lt;b&gt;舍入误差&lt;/b&gt; ≈ ε·|f|/h，随 h 增大（{precision} 中 ε = {eps}）。最佳 h 位于 V 形的谷底。</translation>
    </message>
    <message>
      <source>No finite errors to plot.</source>
      <translation type="vanished">没有有限的误差可画。</translation>
    </message>
    <message>
      <source>&lt;b&gt;Truncation&lt;/b&gt; (a secant is not the tangent) ≈ |f″|·h/2 shrinks with h; &lt;b&gt;round-off&lt;/b&gt; (f(x₀+h) − f(x₀) cancels digits, ÷h magnifies the loss) ≈ ε·|f|/h grows, ε = {eps} in {precision}. The best h is the bottom of the V.</source>
      <translation type="vanished">&lt;b&gt;截断误差&lt;/b&gt;（割线不是切线）≈ |f″|·h/2，随 h 缩小；&lt;b&gt;舍入误差&lt;/b&gt;（f(x₀+h) − f(x₀) 抵消了有效数字，÷h 放大了损失）≈ ε·|f|/h，随 h 增大，ε = {eps}（{precision}）。最佳 h 位于 V 形的谷底。</translation>
    </message>
  </context>
  <context>
    <name>SecantPanel</name>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="227" />
      <source>Curve of f with secant and tangent</source>
      <translation>f 的曲线，含割线与切线</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="228" />
      <source>Drag P₀ or P along the curve. Keyboard: Tab selects P₀ or P, left and right arrows move it, Shift moves finely, Page Down and Page Up divide or multiply h by ten.</source>
      <translation>沿曲线拖动 P₀ 或 P。键盘：Tab 选择 P₀ 或 P，左右方向键移动它，Shift 微调，Page Down 和 Page Up 把 h 除以或乘以十。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="232" />
      <source>Drag P₀ (the tangent point) or P (the second secant point) along the curve.
Keyboard: Tab selects P₀ or P, ←/→ move it, Shift+←/→ finely, PageDown/PageUp divide/multiply h by 10.
Click a marked point to move P₀ there. Drag the background to pan, wheel to zoom.</source>
      <translation>沿曲线拖动 P₀（切点）或 P（割线的第二个点）。
键盘：Tab 选择 P₀ 或 P，←/→ 移动，Shift+←/→ 微调，PageDown/PageUp 把 h 除以/乘以 10。
单击标记的点可把 P₀ 移到那里。拖动背景平移，滚轮缩放。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="297" />
      <source>Graph of the derivative f′</source>
      <translation>导数 f′ 的图像</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="302" />
      <source>Graph of the second derivative f″</source>
      <translation>二阶导数 f″ 的图像</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="354" />
      <source>▶ Play</source>
      <translation>▶ 播放</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="354" />
      <source>Play the secant turning into the tangent: h shrinks towards 0 (click again to pause)</source>
      <translation>播放割线变成切线的过程：h 向 0 缩小（再次单击暂停）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="361" />
      <source>Which side P approaches P₀ from: h &gt; 0 (right), h &lt; 0 (left), or one sweep from each side in turn</source>
      <translation>P 从哪一侧趋近 P₀：h &gt; 0（右侧）、h &lt; 0（左侧），或两侧轮流各扫一次</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="363" />
      <source>Side of the approach</source>
      <translation>趋近的方向</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="369" />
      <source>Animation speed</source>
      <translation>动画速度</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="372" />
      <source>Loop</source>
      <translation>循环</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="374" />
      <source>Start the animation again when it ends</source>
      <translation>动画结束后重新开始</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="375" />
      <source>Loop the animation</source>
      <translation>循环播放动画</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="388" />
      <source>Show the graph of f′ beneath the curve</source>
      <translation>在曲线下方显示 f′ 的图像</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="391" />
      <source>Show the graph of f″ beneath the curve</source>
      <translation>在曲线下方显示 f″ 的图像</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="401" />
      <source>Shade where f rises or falls (the sign of f′), or where it is convex or concave (the sign of f″)</source>
      <translation>给 f 上升或下降的区间（f′ 的符号），或凸、凹的区间（f″ 的符号）着色</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="404" />
      <source>Shading of the curve</source>
      <translation>曲线着色</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="410" />
      <source>Taylor</source>
      <translation>泰勒</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="410" />
      <source>Overlay the Taylor polynomial of order n at x₀</source>
      <translation>叠加 x₀ 处的 n 阶泰勒多项式</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="417" />
      <source>Order n of the Taylor polynomial (0 to 10)</source>
      <translation>泰勒多项式的阶数 n（0 到 10）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="418" />
      <source>Taylor order</source>
      <translation>泰勒阶数</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="423" />
      <source>▶ Time</source>
      <translation>▶ 时间</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="423" />
      <source>Play time: the point moves along its track with its velocity arrow while t runs through the visible range</source>
      <translation>播放时间：t 走过可见范围时，点带着速度箭头沿轨迹移动</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="429" />
      <source>h =</source>
      <translation>h =</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="473" />
      <source>Shade the part of the x axis where |Tₙ − f| is below this tolerance</source>
      <translation>给 x 轴上 |Tₙ − f| 小于此容差的部分着色</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="475" />
      <source>Taylor tolerance</source>
      <translation>泰勒容差</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="478" />
      <source>Shade where |Tₙ − f| &lt;</source>
      <translation>着色：|Tₙ − f| &lt;</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="488" />
      <source>Limit h → 0</source>
      <translation>极限 h → 0</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="489" />
      <source>Points</source>
      <translation>特殊点</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="491" />
      <source>The difference quotients for h = 10⁻¹ … 10⁻¹⁶ and their error: truncation against round-off</source>
      <translation>h = 10⁻¹ … 10⁻¹⁶ 时的差商及其误差：截断误差与舍入误差的较量</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="493" />
      <source>Stationary and inflection points, with their kinds</source>
      <translation>驻点和拐点，及其类型</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="494" />
      <source>The Taylor polynomial at x₀</source>
      <translation>x₀ 处的泰勒多项式</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="518" />
      <source>Show or hide the limit table, the points and the Taylor polynomial (or click a tab)</source>
      <translation>显示或收起极限表、特殊点和泰勒多项式（也可点击标签页）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="835" />
      <source>f′ (dashed)</source>
      <translation>f′（虚线）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1393" />
      <source>min</source>
      <translation>极小</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1393" />
      <source>max</source>
      <translation>极大</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1393" />
      <source>flat, no extremum</source>
      <translation>平坦，无极值</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1394" />
      <source>inflection</source>
      <translation>拐点</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="358" />
      <source>from right</source>
      <translation>从右侧</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="358" />
      <source>from left</source>
      <translation>从左侧</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="359" />
      <source>both sides</source>
      <translation>两侧</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="398" />
      <source>No shading</source>
      <translation>不着色</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="398" />
      <source>Rising / falling</source>
      <translation>上升 / 下降</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="399" />
      <source>Convex / concave</source>
      <translation>凸 / 凹</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="652" />
      <source>f has two variables: its slopes are partial derivatives, shown in the surface lab. Type a function of x alone to see secants and tangents.</source>
      <translation>f 有两个变量：它的斜率是偏导数，在曲面实验中显示。输入只含 x 的函数，即可查看割线和切线。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="676" />
      <source>time t</source>
      <translation>时间 t</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="677" />
      <source>position f(t)</source>
      <translation>位置 f(t)</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="822" />
      <source>saturated: f′ ≈ 0,
gradients vanish</source>
      <translation>饱和：f′ ≈ 0，
梯度消失</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1319" />
      <source>❚❚ Pause</source>
      <translation>❚❚ 暂停</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1320" />
      <source>❚❚ Time</source>
      <translation>❚❚ 时间</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="681" />
      <source>velocity f′(t)</source>
      <translation>速度 f′(t)</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="683" />
      <source>acceleration f″(t)</source>
      <translation>加速度 f″(t)</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="994" />
      <source>left slope {m}</source>
      <translation>左斜率 {m}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="994" />
      <source>right slope {m}</source>
      <translation>右斜率 {m}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1048" />
      <source>v = {v}</source>
      <translation>v = {v}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1347" />
      <source>rising</source>
      <translation>上升</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1347" />
      <source>falling</source>
      <translation>下降</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1552" />
      <source>|T{n} − f| &lt; {tol} for {v} in [{a}, {b}] around {v}₀ = {c} (the shaded strip at the bottom of the plot).</source>
      <translation>在 {v}₀ = {c} 附近，{v} ∈ [{a}, {b}] 时 |T{n} − f| &lt; {tol}（图底部的着色条）。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1557" />
      <source>|T{n} − f| &lt; {tol} nowhere near {v}₀.</source>
      <translation>{v}₀ 附近没有满足 |T{n} − f| &lt; {tol} 的地方。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="381" />
      <source>Set h = {h} (keeping its side)</source>
      <translation>设 h = {h}（保持其方向）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1349" />
      <source>convex ∪</source>
      <translation>凸 ∪</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1349" />
      <source>concave ∩</source>
      <translation>凹 ∩</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="1525" />
      <source>No Taylor polynomial of order {n} at {v} = {c}: {m}</source>
      <translation>{v} = {c} 处没有 {n} 阶泰勒多项式：{m}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="682" />
      <source>f′({v}): slope of f</source>
      <translation>f′({v})：f 的斜率</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_panel.py" line="684" />
      <source>f″({v}): slope of f′</source>
      <translation>f″({v})：f′ 的斜率</translation>
    </message>
  </context>
  <context>
    <name>SecantPoints</name>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="90" />
      <source>f′: {a} → {b}</source>
      <translation>f′：{a} → {b}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="92" />
      <source>; f′ does not exist here (a kink), so f″ cannot be tested</source>
      <translation>；f′ 在此不存在（折点），因此无法检验 f″</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="94" />
      <source>; f″ undefined (a kink)</source>
      <translation>；f″ 无定义（折点）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="96" />
      <source>; f″ = 0: the second-derivative test cannot decide</source>
      <translation>；f″ = 0：二阶导数判别法无法判断</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="115" />
      <source>Stationary and inflection points</source>
      <translation>驻点和拐点</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="116" />
      <source>Stationary points (f′ = 0) with their kind and why, and inflection points (f″ changes sign). Click a row to move x₀ there.</source>
      <translation>驻点（f′ = 0）及其类型与理由，以及拐点（f″ 变号）。单击一行可把 x₀ 移到那里。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="68" />
      <source>minimum</source>
      <translation>极小值</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="69" />
      <source>maximum</source>
      <translation>极大值</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="70" />
      <source>stationary, no extremum</source>
      <translation>驻点，非极值</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="71" />
      <source>inflection point</source>
      <translation>拐点（凹凸改变）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="89" />
      <source>f″ changes sign: {a} → {b}</source>
      <translation>f″ 变号：{a} → {b}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="97" />
      <source>; f″ = {v} {cmp} 0</source>
      <translation>；f″ = {v} {cmp} 0</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="136" />
      <source>kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="136" />
      <source>why (sign table, second-derivative test)</source>
      <translation>理由（符号表、二阶导数判别法）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="142" />
      <source>Looking for stationary and inflection points…</source>
      <translation>正在寻找驻点和拐点…</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="147" />
      <source>No stationary or inflection points in the visible range.</source>
      <translation>可见范围内没有驻点或拐点。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_points.py" line="144" />
      <source>The points could not be found: {m}</source>
      <translation>无法找到这些点：{m}</translation>
    </message>
  </context>
  <context>
    <name>SecantReadout</name>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="186" />
      <source>Frameworks still return one fixed number here (a subgradient), so training does not stop.</source>
      <translation>深度学习框架在这里仍然返回一个固定的数（次梯度），所以训练不会停止。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="183" />
      <source>Frameworks need a number anyway: PyTorch and TensorFlow use ReLU′(0) = 0.</source>
      <translation>框架总得给出一个数：PyTorch 和 TensorFlow 取 ReLU′(0) = 0。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="185" />
      <source>PyTorch uses sign(0) = 0 as the slope of |x| at 0.</source>
      <translation>PyTorch 取 sign(0) = 0 作为 |x| 在 0 处的斜率。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="253" />
      <source>tangent:</source>
      <translation>切线：</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="230" />
      <source>secant:</source>
      <translation>割线：</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="260" />
      <source>velocity, acceleration:</source>
      <translation>速度、加速度：</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="271" />
      <source>no tangent:</source>
      <translation>没有切线：</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="216" />
      <source>f is not defined at {v}₀ = {x}.</source>
      <translation>f 在 {v}₀ = {x} 处没有定义。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="251" />
      <source>tangent: f′({x}) = {m},  {eq}</source>
      <translation>切线：f′({x}) = {m}，  {eq}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="263" />
      <source>tangent slope {m}, {eq}</source>
      <translation>切线斜率 {m}，{eq}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="282" />
      <source>vertical tangent:</source>
      <translation>竖直切线：</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="220" />
      <source>f is not defined at {v}₀ + h = {x}: no secant.</source>
      <translation>f 在 {v}₀ + h = {x} 处没有定义：没有割线。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="225" />
      <source>secant Δy/Δx = {quotient}</source>
      <translation>割线 Δy/Δx = {quotient}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="235" />
      <source>secant slope {q}</source>
      <translation>割线斜率 {q}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="257" />
      <source>velocity f′({x}) = {m},  acceleration f″({x}) = {a},  tangent {eq}</source>
      <translation>速度 f′({x}) = {m}，  加速度 f″({x}) = {a}，  切线 {eq}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="266" />
      <source>f′({x}) = 0: the tangent is flat — a stationary point.</source>
      <translation>f′({x}) = 0：切线是水平的 —— 这是一个驻点。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="269" />
      <source>left slope f′₋({x}) = {l} ≠ right slope f′₊({x}) = {r}: no tangent</source>
      <translation>左斜率 f′₋({x}) = {l} ≠ 右斜率 f′₊({x}) = {r}：没有切线</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="274" />
      <source>left slope {l}, right slope {r}, no tangent</source>
      <translation>左斜率 {l}，右斜率 {r}，没有切线</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="276" />
      <source>&lt;b&gt;f is not differentiable at {v} = {x}&lt;/b&gt;: left slope {l} ≠ right slope {r}, so no single tangent fits (both half-tangents are drawn). </source>
      <translation>&lt;b&gt;f 在 {v} = {x} 处不可导&lt;/b&gt;：左斜率 {l} ≠ 右斜率 {r}，所以没有唯一的切线（图中画出了两条半切线）。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="296" />
      <source>one-sided derivative:</source>
      <translation>单侧导数：</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="304" />
      <source>no tangent at</source>
      <translation>在此处没有切线：</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="239" />
      <source>  → as h → 0{s}: {limit}</source>
      <translation>  → 当 h → 0{s}：{limit}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="242" />
      <source>, tending to {limit} as h tends to 0</source>
      <translation>，当 h 趋于 0 时趋于 {limit}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="281" />
      <source>vertical tangent {v} = {x}: the slope is infinite</source>
      <translation>垂直切线 {v} = {x}：斜率为无穷大</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="286" />
      <source>&lt;b&gt;Vertical tangent at {v} = {x}&lt;/b&gt;: as h → 0 the secant stands up and its slope grows without bound, so f′({x}) does not exist (it would be infinite).</source>
      <translation>&lt;b&gt;{v} = {x} 处为垂直切线&lt;/b&gt;：当 h → 0 时割线竖立起来，斜率无限增大，所以 f′({x}) 不存在（它将是无穷大）。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="290" />
      <source>&lt;b&gt;Cusp at {v} = {x}&lt;/b&gt;: the slope tends to −∞ on one side and +∞ on the other; f is not differentiable here.</source>
      <translation>&lt;b&gt;{v} = {x} 处为尖点&lt;/b&gt;：斜率在一侧趋于 −∞，在另一侧趋于 +∞；f 在此不可导。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="293" />
      <source>right</source>
      <translation>右</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="294" />
      <source>left</source>
      <translation>左</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="295" />
      <source>only the {side} derivative exists: {d}</source>
      <translation>只有{side}导数存在：{d}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="300" />
      <source>{v} = {x} is an edge of f's domain: only a one-sided derivative can be formed there.</source>
      <translation>{v} = {x} 是 f 定义域的边界：那里只能求单侧导数。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="303" />
      <source>no tangent: f is not defined at {v} = {x}</source>
      <translation>没有切线：f 在 {v} = {x} 处没有定义</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/secant_readout.py" line="307" />
      <source>f is not defined at {v} = {x} (a pole, or outside its domain). Move P₀ elsewhere.</source>
      <translation>f 在 {v} = {x} 处没有定义（极点，或在定义域之外）。把 P₀ 移到别处。</translation>
    </message>
  </context>
  <context>
    <name>SurfacePanel</name>
    <message>
      <location filename="../../visualizer/panels/contour_view.py" line="182" />
      <source>Contour map of f with the point and its gradient</source>
      <translation>f 的等高线图，含当前点及其梯度</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/contour_view.py" line="183" />
      <source>Top view: colour = height, lines = level curves.
Click or drag to move the point; drag the round handle to turn u.
Keys: arrows move the point (Shift: fine), [ and ] turn u.</source>
      <translation>俯视图：颜色 = 高度，线条 = 等高线。
单击或拖动以移动点；拖动圆形手柄以旋转 u。
按键：方向键移动点（按住 Shift 微调），[ 和 ] 旋转 u。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/contour_view.py" line="523" />
      <source>{kind} at ({x}, {y}), f = {value}</source>
      <translation>({x}, {y}) 处的{kind}，f = {value}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="202" />
      <source>Slice y = y₀ with the tangent of slope ∂f/∂x</source>
      <translation>截面 y = y₀，及斜率为 ∂f/∂x 的切线</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="203" />
      <source>Slice x = x₀ with the tangent of slope ∂f/∂y</source>
      <translation>截面 x = x₀，及斜率为 ∂f/∂y 的切线</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="204" />
      <source>Slice along u with the tangent of slope D_u f</source>
      <translation>沿 u 的截面，及斜率为 D_u f 的切线</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="208" />
      <source>s (distance along u)</source>
      <translation>s（沿 u 的距离）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="246" />
      <source>Load the chapters' two-variable example</source>
      <translation>载入教材中的二元函数例子</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="247" />
      <source>Load a function of two variables</source>
      <translation>载入一个二元函数</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="287" />
      <source>Direction of u, measured from the +x axis</source>
      <translation>u 的方向，从 +x 轴量起</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="288" />
      <source>Angle θ of the direction u, in degrees</source>
      <translation>方向 u 的角度 θ，单位为度</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="292" />
      <source>Snap u to ∇f</source>
      <translation>把 u 对准 ∇f</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="294" />
      <source>Turn u to the gradient: the steepest way up (G)</source>
      <translation>把 u 转到梯度方向：最陡的上升方向（G）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="295" />
      <source>Snap the direction u to the gradient</source>
      <translation>把方向 u 对准梯度</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="301" />
      <source>Tangent plane</source>
      <translation>切平面</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="303" />
      <source>Show the plane that touches the surface at the point</source>
      <translation>显示在该点与曲面相切的平面</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="304" />
      <source>Show the tangent plane</source>
      <translation>显示切平面</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="308" />
      <source>Gradient field</source>
      <translation>梯度场</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="311" />
      <source>Arrows of ∇f over the map and on the surface's floor</source>
      <translation>在等高线图上和曲面底面上画出 ∇f 的箭头</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="312" />
      <source>Show the gradient field</source>
      <translation>显示梯度场</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="320" />
      <source>How many arrows along each side</source>
      <translation>每条边上的箭头数</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="321" />
      <source>Gradient arrows per side</source>
      <translation>每边的梯度箭头数</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="327" />
      <source>length ∝ |∇f|</source>
      <translation>长度 ∝ |∇f|</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="328" />
      <source>unit length, shade = |∇f|</source>
      <translation>单位长度，深浅 = |∇f|</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="329" />
      <source>Proportional: long arrows where f climbs fast.
Unit length: every direction readable; the stronger the arrow, the steeper.</source>
      <translation>按比例：f 上升快的地方箭头长。
单位长度：每个方向都看得清；箭头越深，坡越陡。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="332" />
      <source>How the arrow length is drawn</source>
      <translation>箭头长度的画法</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="341" />
      <source>Samples of the surface along each side</source>
      <translation>每条边上曲面的采样数</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="342" />
      <source>Grid resolution of the surface</source>
      <translation>曲面的网格分辨率</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="346" />
      <source>Reset view</source>
      <translation>重置视图</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="348" />
      <source>Put the 3-D camera and the map back (double-click the 3-D view too)</source>
      <translation>把三维相机和等高线图复位（也可双击三维视图）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="349" />
      <source>Reset the views</source>
      <translation>重置各视图</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="355" />
      <source>Display</source>
      <translation>显示</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="359" />
      <source>Show or hide the display options: gradient field, arrows, grid</source>
      <translation>显示或隐藏显示选项：梯度场、箭头、网格</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="361" />
      <source>Display options</source>
      <translation>显示选项</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="996" />
      <source> (slice along u)</source>
      <translation>（沿 u 的截面）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="999" />
      <source> (D&lt;sub&gt;u&lt;/sub&gt;f against θ)</source>
      <translation>（D&lt;sub&gt;u&lt;/sub&gt;f 随 θ 的变化）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1106" />
      <source>Stationary points in view: </source>
      <translation>视野内的驻点：</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="290" />
      <source>u at θ =</source>
      <translation>u 的角度 θ =</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="323" />
      <source>Arrows</source>
      <translation>箭头</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="344" />
      <source>Grid</source>
      <translation>网格</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1072" />
      <source>Both eigenvalues are positive: f curves up in every direction here</source>
      <translation>两个特征值都为正：f 在此处沿每个方向都向上弯曲</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1073" />
      <source>Both eigenvalues are negative: f curves down in every direction here</source>
      <translation>两个特征值都为负：f 在此处沿每个方向都向下弯曲</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1074" />
      <source>The eigenvalues have opposite signs: f curves up one way and down the other (saddle-shaped)</source>
      <translation>特征值异号：f 沿一个方向向上弯曲，沿另一个方向向下弯曲（马鞍形）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1076" />
      <source>An eigenvalue is zero (or undefined): the second-derivative test cannot decide</source>
      <translation>有一个特征值为零（或无定义）：二阶导数判别法无法判断</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1081" />
      <source> — and ∇f = 0 here: a stationary point.</source>
      <translation> —— 且此处 ∇f = 0：这是一个驻点。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1086" />
      <source>Looking for stationary points…</source>
      <translation>正在寻找驻点…</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1089" />
      <source>Stationary points could not be found.</source>
      <translation>无法找到驻点。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1092" />
      <source>Stationary points: not found in closed form.</source>
      <translation>驻点：找不到闭式解。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1095" />
      <source>No stationary point (∇f = 0) in view.</source>
      <translation>视野内没有驻点（∇f = 0）。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1124" />
      <source>arrows: faint = small |∇f|, strong = large</source>
      <translation>箭头：浅 = |∇f| 小，深 = 大</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="244" />
      <source>Show {0}</source>
      <translation>显示{0}</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="990" />
      <source> (slice y = {0})</source>
      <translation>（截面 y = {0}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="993" />
      <source> (slice x = {0})</source>
      <translation>（截面 x = {0}）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="998" />
      <source>max D&lt;sub&gt;u&lt;/sub&gt;f = |∇f| = &lt;b&gt;{0}&lt;/b&gt;</source>
      <translation>D&lt;sub&gt;u&lt;/sub&gt;f 的最大值 = |∇f| = &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1108" />
      <source> and {0} more</source>
      <translation> 以及另外 {0} 个</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="419" />
      <source>{0} The map below shows the same surface from above.</source>
      <translation>{0} 下方的等高线图从上方显示同一个曲面。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="652" />
      <source>f({0}) has one variable, so it is a curve, not a surface: see the derivative lab. Surfaces, partial derivatives and gradients need a function of x and y.</source>
      <translation>f({0}) 只有一个变量，所以它是一条曲线而不是曲面：请看导数实验。曲面、偏导数和梯度需要 x 和 y 的函数。</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_panel.py" line="1119" />
      <source>level curve</source>
      <translation>等高线</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_plots.py" line="370" />
      <source>Directional derivative against the angle</source>
      <translation>方向导数随角度的变化</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_plots.py" line="385" />
      <source>Drag to turn u</source>
      <translation>拖动以旋转 u</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_style.py" line="36" />
      <source>minimum</source>
      <translation>极小值</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_style.py" line="37" />
      <source>maximum</source>
      <translation>极大值</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_style.py" line="38" />
      <source>saddle</source>
      <translation>鞍点</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_style.py" line="39" />
      <source>degenerate (test fails)</source>
      <translation>退化（判别法失效）</translation>
    </message>
    <message>
      <location filename="../../visualizer/panels/surface_style.py" line="104" />
      <source>undefined</source>
      <translation>无定义</translation>
    </message>
    <message>
      <source>max D&lt;sub&gt;u&lt;/sub&gt;f = |∇f| = &lt;b&gt;{0}&lt;/b&gt; (D&lt;sub&gt;u&lt;/sub&gt;f against θ)</source>
      <translation type="vanished">max D&lt;sub&gt;u&lt;/sub&gt;f = |∇f| = &lt;b&gt;{0}&lt;/b&gt;（D&lt;sub&gt;u&lt;/sub&gt;f 随 θ 的变化）</translation>
    </message>
  </context>
  <context>
    <name>SurfaceView</name>
    <message>
      <location filename="../../visualizer/panels/surface_view.py" line="1368" />
      <source>3-D view unavailable: {0}. Showing a 2-D contour map instead (colour = height).</source>
      <translation>三维视图不可用：{0}。改为显示二维等高线图（颜色 = 高度）。</translation>
    </message>
  </context>
  <context>
    <name>TabFolder</name>
    <message>
      <location filename="../../visualizer/widgets/tab_folder.py" line="58" />
      <source>Show the tabs</source>
      <translation>展开标签页</translation>
    </message>
    <message>
      <location filename="../../visualizer/widgets/tab_folder.py" line="133" />
      <source>Hide</source>
      <translation>收起</translation>
    </message>
    <message>
      <location filename="../../visualizer/widgets/tab_folder.py" line="133" />
      <source>Show</source>
      <translation>展开</translation>
    </message>
  </context>
  <context>
    <name>presets</name>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>From the chapters</source>
      <translation>来自教材</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>Activation functions</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>Classic test functions</source>
      <translation>经典测试函数</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>Line through A(4, 5) and B(2, 3)</source>
      <translation>过 A(4, 5) 和 B(2, 3) 的直线</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>f(x) = x² (slope 2 at x = 1)</source>
      <translation>f(x) = x²（x = 1 处斜率为 2）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>Diver's height h(t) = 5t² + 3t + 2</source>
      <translation>跳水者的高度 h(t) = 5t² + 3t + 2</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>f(x) = 4x² + 2x + 1</source>
      <translation>f(x) = 4x² + 2x + 1</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>Σ (x + i)², i = 1..3</source>
      <translation>Σ (x + i)²，i = 1..3</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>|x| (left −1, right +1 at 0)</source>
      <translation>|x|（在 0 处左斜率 −1，右斜率 +1）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>Free fall s(t) = ½·9.8·t²</source>
      <translation>自由落体 s(t) = ½·9.8·t²</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>2x¹⁰ (higher derivatives)</source>
      <translation>2x¹⁰（高阶导数）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>x³ (f′(0) = 0 but no extremum)</source>
      <translation>x³（f′(0) = 0 但没有极值）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>sin x (stationary and inflection points)</source>
      <translation>sin x（驻点和拐点）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>eˣ (Taylor expansion)</source>
      <translation>eˣ（泰勒展开）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>x³ − 2x + 4</source>
      <translation>x³ − 2x + 4</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>x⁵ − 2x³ + x + 2</source>
      <translation>x⁵ − 2x³ + x + 2</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>(x² + 2x + 3)² (chain rule)</source>
      <translation>(x² + 2x + 3)²（链式法则）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>sin²(x³ − 3x) (chain rule)</source>
      <translation>sin²(x³ − 3x)（链式法则）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>log(x⁴ + x³ + 2) (chain rule, descent from −9.41)</source>
      <translation>log(x⁴ + x³ + 2)（链式法则，从 −9.41 开始梯度下降）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>xy + x/y (partial derivatives)</source>
      <translation>xy + x/y（偏导数）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>e^(xy)·cos x·sin y (partial derivatives)</source>
      <translation>e^(xy)·cos x·sin y（偏导数）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>x² + xy + y² (gradient at (0.5, −0.4))</source>
      <translation>x² + xy + y²（(0.5, −0.4) 处的梯度）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>x⁴ + y²</source>
      <translation>x⁴ + y²</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>Sigmoid σ(x) = 1/(1 + e⁻ˣ)</source>
      <translation>Sigmoid σ(x) = 1/(1 + e⁻ˣ)</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>tanh x</source>
      <translation>tanh x</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>ReLU max(0, x)</source>
      <translation>ReLU max(0, x)</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>Softplus log(1 + eˣ)</source>
      <translation>Softplus log(1 + eˣ)</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>GELU x·Φ(x)</source>
      <translation>GELU x·Φ(x)</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>|x² − 4| (two kinks)</source>
      <translation>|x² − 4|（两个折点）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>max(x, x²)</source>
      <translation>max(x, x²)</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>∛x (vertical tangent at 0)</source>
      <translation>∛x（0 处为垂直切线）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>1/x (a pole at 0)</source>
      <translation>1/x（0 处为极点）</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>Saddle x² − y²</source>
      <translation>鞍面 x² − y²</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>Rosenbrock (1 − x)² + 100(y − x²)²</source>
      <translation>Rosenbrock 函数 (1 − x)² + 100(y − x²)²</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>Himmelblau (x² + y − 11)² + (x + y² − 7)²</source>
      <translation>Himmelblau 函数 (x² + y − 11)² + (x + y² − 7)²</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/core/presets.py" />
      <source>Ill-conditioned bowl x² + 25y²</source>
      <translation>病态碗形 x² + 25y²</translation>
    </message>
  </context>
  <context>
    <name>scenarios</name>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>The chapters' example: log(x⁴ + x³ + 2) from −9.41</source>
      <translation>教材中的例子：从 −9.41 出发的 log(x⁴ + x³ + 2)</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>The chapters run 5000 steps of lr 0.001 from x = −9.41. With the true derivative, see where the run really ends: far out, the slope is small.</source>
      <translation>教材从 x = −9.41 出发，以 lr 0.001 跑了 5000 步。用真实的导数看看运行到底停在哪里：在远处，斜率很小。</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>Push the learning rate: x²</source>
      <translation>加大学习率：x²</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>f″ = 2, so plain gradient descent needs lr &lt; 2/f″ = 1. Raise the learning rate and read why the run diverges.</source>
      <translation>f″ = 2，所以普通梯度下降需要 lr &lt; 2/f″ = 1。调高学习率，看看运行为什么会发散。</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>x⁴ + y²: flat in x</source>
      <translation>x⁴ + y²：在 x 方向上平坦</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>Near x = 0 the curvature in x vanishes: gradient descent crawls, Newton's method does not.</source>
      <translation>在 x = 0 附近，x 方向的曲率消失：梯度下降爬得很慢，牛顿法则不会。</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>x² + xy + y²</source>
      <translation>x² + xy + y²</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>The largest curvature is 3 (an eigenvalue of the Hessian): lr must stay below 2/3. Close to it, the path zig-zags.</source>
      <translation>最大曲率是 3（海森矩阵的一个特征值）：lr 必须小于 2/3。接近这个值时，路径呈之字形。</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>Rosenbrock: Adam against SGD</source>
      <translation>Rosenbrock：Adam 对比 SGD</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>A narrow curved valley with its minimum at (1, 1): race the two along it.</source>
      <translation>一条狭窄弯曲的山谷，极小值在 (1, 1)：让两者沿山谷赛跑。</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>Himmelblau: four minima</source>
      <translation>Himmelblau：四个极小值</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>Four minima of the same height: which one a run reaches depends on the start and the optimizer. Drag the start.</source>
      <translation>四个同样高度的极小值：运行到达哪一个取决于起点和优化器。拖动起点试试。</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>Saddle x² − y²</source>
      <translation>鞍面 x² − y²</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>Started exactly on y = 0, the run stalls at the saddle point. Move the start off the axis: it escapes, and f has no minimum.</source>
      <translation>恰好从 y = 0 出发时，运行停在鞍点。把起点移离坐标轴：它会逃离，而且 f 没有极小值。</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>|x|: a kink</source>
      <translation>|x|：一个折点</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>The slope jumps from −1 to +1 at 0: with a fixed learning rate the steps never shrink, and the run bounces across the kink.</source>
      <translation>斜率在 0 处从 −1 跳到 +1：学习率固定时步长永不缩小，运行在折点两侧来回跳动。</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>Ill-conditioned x² + 25y²: momentum helps</source>
      <translation>病态的 x² + 25y²：动量有帮助</translation>
    </message>
    <message>
      <location filename="../../" line="visualizer/descent_model.py" />
      <source>Curvatures 2 and 50: a learning rate safe for y is tiny for x. Momentum builds up speed along the flat direction.</source>
      <translation>曲率分别为 2 和 50：对 y 安全的学习率对 x 来说太小。动量沿平坦方向积累速度。</translation>
    </message>
  </context>
</TS>
