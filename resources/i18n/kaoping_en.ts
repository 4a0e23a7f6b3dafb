<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Application</name>
    <message>
        <source>数据库尚未加密</source>
        <translation>The database is not encrypted yet</translation>
    </message>
    <message>
        <source>本机数据库是升级前的未加密文件，考生个人信息以明文保存。请关闭程序后由系统管理员运行 kaoping store encrypt --user 用户名 将其加密。</source>
        <translation>This computer&apos;s database is an unencrypted file from before the upgrade: candidates&apos; personal data is stored in plain text. Close the program and have a system administrator run kaoping store encrypt --user USERNAME to encrypt it.</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间（北京时间）</source>
        <translation>Time (Beijing time)</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>全部结果</source>
        <translation>All outcomes</translation>
    </message>
    <message>
        <source>成功</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <source>被拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>对象或详情包含…</source>
        <translation>Target or details contain…</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>校验哈希链</source>
        <translation>Verify hash chain</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>全部人员</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>audit-log</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出 {0} 条记录到 {1}。</source>
        <translation>Exported {0} entries to {1}.</translation>
    </message>
    <message>
        <source>哈希链完好：共 {0} 条记录。</source>
        <translation>Hash chain intact: {0} entries.</translation>
    </message>
    <message>
        <source>审计日志被改动：{0}</source>
        <translation>The audit log has been altered: {0}</translation>
    </message>
</context>
<context>
    <name>BankPage</name>
    <message>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>知识领域</source>
        <translation>Knowledge area</translation>
    </message>
    <message>
        <source>题型</source>
        <translation>Item type</translation>
    </message>
    <message>
        <source>难度</source>
        <translation>Difficulty</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>作者</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>解锁题库</source>
        <translation>Unlock question bank</translation>
    </message>
    <message>
        <source>请输入您的登录密码以解锁题库（仅在本次运行中有效）：</source>
        <translation>Enter your sign-in password to unlock the question bank (for this run only):</translation>
    </message>
    <message>
        <source>初始化题库</source>
        <translation>Initialise question bank</translation>
    </message>
    <message>
        <source>题库尚未初始化。现在创建题库密钥，并由您持有第一份副本吗？</source>
        <translation>The question bank is not initialised yet. Create the bank key now, with you holding the first copy?</translation>
    </message>
    <message>
        <source>全部等级</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>只看我的</source>
        <translation>Mine only</translation>
    </message>
    <message>
        <source>解锁题库(&amp;U)</source>
        <translation>&amp;Unlock bank</translation>
    </message>
    <message>
        <source>新建试题(&amp;N)</source>
        <translation>&amp;New item</translation>
    </message>
    <message>
        <source>查看/编辑(&amp;E)</source>
        <translation>View / &amp;edit</translation>
    </message>
    <message>
        <source>审核通过(&amp;A)</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>停用(&amp;D)</source>
        <translation>Retire (&amp;D)</translation>
    </message>
    <message>
        <source>导入(&amp;I)…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>下载导入模板</source>
        <translation>Download import template</translation>
    </message>
    <message>
        <source>加密备份导出…</source>
        <translation>Encrypted backup export…</translation>
    </message>
    <message>
        <source>授权管理…</source>
        <translation>Access holders…</translation>
    </message>
    <message>
        <source>全部职业</source>
        <translation>All occupations</translation>
    </message>
    <message>
        <source>已解锁</source>
        <translation>unlocked</translation>
    </message>
    <message>
        <source>未解锁</source>
        <translation>locked</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>题库共 {0} 题（{1}）</source>
        <translation>Question bank: {0} items ({1})</translation>
    </message>
    <message>
        <source>&#x3000;题库密钥：{0}</source>
        <translation>   Bank key: {0}</translation>
    </message>
    <message>
        <source>&#x3000;您可查看统计与题目属性，不能查看题目内容</source>
        <translation>   You can see counts and item attributes, not item content</translation>
    </message>
    <message>
        <source>题库</source>
        <translation>Question bank</translation>
    </message>
    <message>
        <source>请先在列表中选择一道试题。</source>
        <translation>Select an item in the list first.</translation>
    </message>
    <message>
        <source>查看试题</source>
        <translation>View item</translation>
    </message>
    <message>
        <source>查看用途（记入审计日志）：</source>
        <translation>Purpose of viewing (recorded in the audit log):</translation>
    </message>
    <message>
        <source>停用试题</source>
        <translation>Retire item</translation>
    </message>
    <message>
        <source>停用原因：</source>
        <translation>Reason for retiring:</translation>
    </message>
    <message>
        <source>导入试题</source>
        <translation>Import items</translation>
    </message>
    <message>
        <source>试题文件 (*.xlsx *.json)</source>
        <translation>Item files (*.xlsx *.json)</translation>
    </message>
    <message>
        <source>导入方式</source>
        <translation>Import mode</translation>
    </message>
    <message>
        <source>有错误行时是否一行都不导入？
选“是”：全部正确才导入；选“否”：只导入正确的行。</source>
        <translation>If some rows have errors, import nothing?
&quot;Yes&quot;: import only if every row is correct; &quot;No&quot;: import the correct rows only.</translation>
    </message>
    <message>
        <source>正在导入试题…</source>
        <translation>Importing items…</translation>
    </message>
    <message>
        <source>已取消，未导入任何试题。</source>
        <translation>Cancelled; no items were imported.</translation>
    </message>
    <message>
        <source>已导入 {0} 道试题，{1} 行有错误。</source>
        <translation>Imported {0} items; {1} rows have errors.</translation>
    </message>
    <message>
        <source>导入结果</source>
        <translation>Import results</translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation>Save import template</translation>
    </message>
    <message>
        <source>题目导入模板.xlsx</source>
        <translation>item-import-template.xlsx</translation>
    </message>
    <message>
        <source>加密备份导出</source>
        <translation>Encrypted backup export</translation>
    </message>
    <message>
        <source>题库备份.kpbank</source>
        <translation>question-bank-backup.kpbank</translation>
    </message>
    <message>
        <source>题库备份 (*.kpbank)</source>
        <translation>Question bank backup (*.kpbank)</translation>
    </message>
    <message>
        <source>备份口令</source>
        <translation>Backup passphrase</translation>
    </message>
    <message>
        <source>请设置备份口令（至少 10 个字符，恢复时需要）：</source>
        <translation>Set a backup passphrase (at least 10 characters, needed to restore):</translation>
    </message>
    <message>
        <source>导出用途</source>
        <translation>Purpose of export</translation>
    </message>
    <message>
        <source>导出用途：</source>
        <translation>Purpose of export:</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>已导出加密备份：{0}</source>
        <translation>Encrypted backup exported: {0}</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <source>新建批次</source>
        <translation>New batch</translation>
    </message>
    <message>
        <source>考核计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>批次编号 *</source>
        <translation>Batch code *</translation>
    </message>
    <message>
        <source>批次名称</source>
        <translation>Batch name</translation>
    </message>
    <message>
        <source>考核开始 *</source>
        <translation>Assessment starts *</translation>
    </message>
    <message>
        <source>考核结束 *</source>
        <translation>Assessment ends *</translation>
    </message>
    <message>
        <source>考核日期须在计划期间 {0} 至 {1} 之内。</source>
        <translation>Assessment dates must lie within the plan&apos;s period, {0} to {1}.</translation>
    </message>
</context>
<context>
    <name>BodyPage</name>
    <message>
        <source>第 1 步：评价机构</source>
        <translation>Step 1: the evaluation body</translation>
    </message>
    <message>
        <source>带 * 的为必填项。机构名称将印在证书上，须与登记名称一致。</source>
        <translation>Fields marked * are required. The body&apos;s name is printed on certificates and must match its registered name.</translation>
    </message>
    <message>
        <source>机构名称 *</source>
        <translation>Body name *</translation>
    </message>
    <message>
        <source>机构代码 *</source>
        <translation>Body code *</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>名称依据</source>
        <translation>Name basis</translation>
    </message>
    <message>
        <source>业务范围</source>
        <translation>Remit</translation>
    </message>
</context>
<context>
    <name>CalibrationTab</name>
    <message>
        <source>打印机(&amp;R)</source>
        <translation>P&amp;rinter</translation>
    </message>
    <message>
        <source>打印校准页(&amp;G)…</source>
        <translation>Print calibration pa&amp;ge…</translation>
    </message>
    <message>
        <source>1. 用普通纸打印校准页（实际大小）。2. 用直尺量出十字线 A 和 C 的中心到纸张左边、上边的距离，填入下方。3. 按“计算”，核对后“保存校准”。</source>
        <translation>1. Print the calibration page on plain paper (actual size). 2. With a ruler, measure the centres of crosshairs A and C from the paper&apos;s left and top edges and enter them below. 3. Press &quot;Compute&quot;, check, then &quot;Save calibration&quot;.</translation>
    </message>
    <message>
        <source>测量值（毫米，从纸张左边和上边量起）</source>
        <translation>Measured (mm from the paper&apos;s left and top edges)</translation>
    </message>
    <message>
        <source>十字线 {0}（应为 {1}, {2}）</source>
        <translation>Crosshair {0} (set at {1}, {2})</translation>
    </message>
    <message>
        <source> 毫米</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>计算(&amp;U)</source>
        <translation>Comp&amp;ute</translation>
    </message>
    <message>
        <source>校准值</source>
        <translation>Calibration</translation>
    </message>
    <message>
        <source>水平偏移 dx</source>
        <translation>Horizontal offset dx</translation>
    </message>
    <message>
        <source>垂直偏移 dy</source>
        <translation>Vertical offset dy</translation>
    </message>
    <message>
        <source>水平缩放 sx</source>
        <translation>Horizontal scale sx</translation>
    </message>
    <message>
        <source>垂直缩放 sy</source>
        <translation>Vertical scale sy</translation>
    </message>
    <message>
        <source>保存校准(&amp;K)</source>
        <translation>Save calibration (&amp;K)</translation>
    </message>
    <message>
        <source>打印机校准</source>
        <translation>Printer calibration</translation>
    </message>
    <message>
        <source>已保存打印机“{0}”的校准</source>
        <translation>Calibration of printer &quot;{0}&quot; saved</translation>
    </message>
</context>
<context>
    <name>CandidatePhotoDialog</name>
    <message>
        <source>考生照片 — {0}</source>
        <translation>Candidate photo — {0}</translation>
    </message>
    <message>
        <source>选择照片文件(&amp;F)…</source>
        <translation>Choose photo &amp;file…</translation>
    </message>
    <message>
        <source>从剪贴板粘贴(&amp;V)</source>
        <translation>Paste from clipboard (&amp;V)</translation>
    </message>
    <message>
        <source>裁剪与旋转(&amp;C)…</source>
        <translation>&amp;Crop and rotate…</translation>
    </message>
    <message>
        <source>删除照片</source>
        <translation>Delete photo</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>无权查看照片</source>
        <translation>Not allowed to see photos</translation>
    </message>
    <message>
        <source>还没有照片</source>
        <translation>No photo yet</translation>
    </message>
    <message>
        <source>{0}

可以点“裁剪与旋转”修正后再试。</source>
        <translation>{0}

Use &quot;Crop and rotate&quot; to fix it and try again.</translation>
    </message>
    <message>
        <source>照片已保存（{0}×{1} 像素）。</source>
        <translation>Photo saved ({0}×{1} pixels).</translation>
    </message>
    <message>
        <source>选择考生照片</source>
        <translation>Choose the candidate&apos;s photo</translation>
    </message>
    <message>
        <source>照片 (*.jpg *.jpeg *.png)</source>
        <translation>Photos (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>粘贴照片</source>
        <translation>Paste photo</translation>
    </message>
    <message>
        <source>剪贴板中没有图片，请先复制一张照片。</source>
        <translation>The clipboard holds no picture; copy a photo first.</translation>
    </message>
    <message>
        <source>裁剪与旋转</source>
        <translation>Crop and rotate</translation>
    </message>
    <message>
        <source>请先选择或粘贴一张照片。</source>
        <translation>Choose or paste a photo first.</translation>
    </message>
    <message>
        <source>删除该考生的照片？</source>
        <translation>Delete this candidate&apos;s photo?</translation>
    </message>
</context>
<context>
    <name>CandidateTableModel</name>
    <message>
        <source>符合</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <source>不符合（已登记例外）</source>
        <translation>Not eligible (exception recorded)</translation>
    </message>
    <message>
        <source>不符合</source>
        <translation>Not eligible</translation>
    </message>
    <message>
        <source>（规则未核实）</source>
        <translation> (rules unverified)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>最高学历</source>
        <translation>Highest education</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>申报方式</source>
        <translation>Application route</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>申报条件</source>
        <translation>Eligibility</translation>
    </message>
    <message>
        <source>重点核查</source>
        <translation>Flagged for verification</translation>
    </message>
</context>
<context>
    <name>CandidatesPage</name>
    <message>
        <source>考生</source>
        <translation>Candidates</translation>
    </message>
    <message>
        <source>姓名，或证件号码后四位</source>
        <translation>Name, or last four digits of ID number</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>注意：申报条件规则尚未与国家职业标准原文核对。不符合申报条件的考生不能排座、录入成绩、报送和发证，除非质量督导员核对后登记例外。</source>
        <translation>Note: the eligibility rules have not yet been checked against the official national standard. Candidates who are not eligible cannot be seated, scored, reported or certified unless a quality supervisor checks and records an exception.</translation>
    </message>
    <message>
        <source>新增考生</source>
        <translation>New candidate</translation>
    </message>
    <message>
        <source>导入名册</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <source>导出名册</source>
        <translation>Export roster</translation>
    </message>
    <message>
        <source>导入照片</source>
        <translation>Import photos</translation>
    </message>
    <message>
        <source>照片…</source>
        <translation>Photo…</translation>
    </message>
    <message>
        <source>下载模板</source>
        <translation>Download template</translation>
    </message>
    <message>
        <source>撤回申报</source>
        <translation>Withdraw application</translation>
    </message>
    <message>
        <source>打印承诺书</source>
        <translation>Print declaration</translation>
    </message>
    <message>
        <source>标记重点核查</source>
        <translation>Flag for verification</translation>
    </message>
    <message>
        <source>登记例外</source>
        <translation>Record exception</translation>
    </message>
    <message>
        <source>全部批次</source>
        <translation>All batches</translation>
    </message>
    <message>
        <source>共 {0} 名考生</source>
        <translation>{0} candidates</translation>
    </message>
    <message>
        <source>；在册 {0} 人中 {1} 人已有照片</source>
        <translation>; {1} of {0} active candidates have a photo</translation>
    </message>
    <message>
        <source>请先在列表中选择一名考生。</source>
        <translation>Select a candidate in the list first.</translation>
    </message>
    <message>
        <source>请先在上方选择一个批次。</source>
        <translation>Choose a batch above first.</translation>
    </message>
    <message>
        <source>已报名（考生编号 {0}）。{1}</source>
        <translation>Registered (candidate ID {0}). {1}</translation>
    </message>
    <message>
        <source>已导入 {0} 名考生。</source>
        <translation>Imported {0} candidates.</translation>
    </message>
    <message>
        <source>已导入 {0} 张照片。</source>
        <translation>{0} photos imported.</translation>
    </message>
    <message>
        <source>{0}-考生名册.xlsx</source>
        <translation>{0}-candidate-roster.xlsx</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel files (*.xlsx);;CSV files (*.csv)</translation>
    </message>
    <message>
        <source>已导出 {0} 名考生到 {1}。</source>
        <translation>Exported {0} candidates to {1}.</translation>
    </message>
    <message>
        <source>下载名册模板</source>
        <translation>Download roster template</translation>
    </message>
    <message>
        <source>考生名册模板.xlsx</source>
        <translation>candidate-roster-template.xlsx</translation>
    </message>
    <message>
        <source>撤回 {0}（{1}）的申报，原因：</source>
        <translation>Withdraw the application of {0} ({1}); reason:</translation>
    </message>
    <message>
        <source>保存告知承诺书</source>
        <translation>Save commitment declaration</translation>
    </message>
    <message>
        <source>告知承诺书-{0}.pdf</source>
        <translation>commitment-declaration-{0}.pdf</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>（注意：与签署时记录的指纹不一致）</source>
        <translation> (warning: does not match the fingerprint recorded at signing)</translation>
    </message>
    <message>
        <source>承诺书已保存到 {0}，SHA-256 {1}…{2}</source>
        <translation>Declaration saved to {0}, SHA-256 {1}…{2}</translation>
    </message>
    <message>
        <source>把 {0} 列为重点核查，原因：</source>
        <translation>Flag {0} for verification; reason:</translation>
    </message>
    <message>
        <source>{0} 符合申报条件或已登记例外，无需登记。</source>
        <translation>{0} is eligible or already has an exception; nothing to record.</translation>
    </message>
    <message>
        <source>登记申报条件例外</source>
        <translation>Record eligibility exception</translation>
    </message>
    <message>
        <source>{0}（{1}）的审核结论：
{2}

请写明登记例外的依据（核对的标准条款、证明材料及核对情况）；登记后该考生可以排座、录入成绩、报送和发证：</source>
        <translation>Eligibility verdict for {0} ({1}):
{2}

State the basis for the exception (the clause of the standard checked, the supporting documents and what was found); once recorded the candidate can be seated, scored, reported and certified:</translation>
    </message>
    <message>
        <source>已为 {0}（{1}）登记申报条件例外，依据：{2}</source>
        <translation>Eligibility exception recorded for {0} ({1}); basis: {2}</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <source>橙色表示尚未与国家职业标准原文核对的值。</source>
        <translation>Orange marks values not yet checked against the national occupational standard.</translation>
    </message>
    <message>
        <source>职业 / 方向</source>
        <translation>Occupation / direction</translation>
    </message>
    <message>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>2022 编码</source>
        <translation>2022 code</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>编辑所选职业</source>
        <translation>Edit the selected occupation</translation>
    </message>
    <message>
        <source>名称与标准编码已核实</source>
        <translation>Name and standard code verified</translation>
    </message>
    <message>
        <source>2022 编码已核实</source>
        <translation>2022 code verified</translation>
    </message>
    <message>
        <source>标准编码</source>
        <translation>Standard code</translation>
    </message>
    <message>
        <source>职业名称</source>
        <translation>Occupation name</translation>
    </message>
    <message>
        <source>2022 大典编码</source>
        <translation>2022 classification code</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>添加职业方向</source>
        <translation>Add direction</translation>
    </message>
    <message>
        <source>所选方向标记为已核实</source>
        <translation>Mark selected direction verified</translation>
    </message>
    <message>
        <source>只读（需要系统管理员或考务管理员角色才能修改）</source>
        <translation>Read-only (changes need the system administrator or exam administrator role)</translation>
    </message>
    <message>
        <source>已核实</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>待核实</source>
        <translation>To verify</translation>
    </message>
    <message>
        <source>{0} 的新方向名称：</source>
        <translation>Name of the new direction of {0}:</translation>
    </message>
    <message>
        <source>标准目录</source>
        <translation>Standards catalogue</translation>
    </message>
    <message>
        <source>请先选择一个职业方向。</source>
        <translation>Select a direction first.</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>发证日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>补发自</source>
        <translation>Reissue of</translation>
    </message>
    <message>
        <source>打印次数</source>
        <translation>Prints</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>报名号</source>
        <translation>Candidate ID</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Approval</translation>
    </message>
    <message>
        <source>证书</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>不完整</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>查找证书编号或姓名…</source>
        <translation>Find a certificate number or name…</translation>
    </message>
    <message>
        <source>考生</source>
        <translation>Candidates</translation>
    </message>
    <message>
        <source>模板字样复核</source>
        <translation>Template phrases</translation>
    </message>
    <message>
        <source>签发证书(&amp;I)…</source>
        <translation>&amp;Issue certificates…</translation>
    </message>
    <message>
        <source>打印所选(&amp;P)…</source>
        <translation>&amp;Print selected…</translation>
    </message>
    <message>
        <source>套打(&amp;T)…</source>
        <translation>Print on s&amp;tock…</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>撤销…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>补发…</source>
        <translation>Reissue…</translation>
    </message>
    <message>
        <source>撤销复原…</source>
        <translation>Reverse revocation…</translation>
    </message>
    <message>
        <source>导出吊销列表…</source>
        <translation>Export revocation list…</translation>
    </message>
    <message>
        <source>登记印章图片…</source>
        <translation>Register seal image…</translation>
    </message>
    <message>
        <source>还没有批次</source>
        <translation>No batches yet</translation>
    </message>
    <message>
        <source>选择一张证书即可在此预览</source>
        <translation>Select a certificate to preview it here</translation>
    </message>
    <message>
        <source>状态：{0}；可签发 {1} 人</source>
        <translation>Status: {0}; {1} ready to issue</translation>
    </message>
    <message>
        <source>；审核通过 {0}，颁证截止 {1}</source>
        <translation>; approved {0}, issue by {1}</translation>
    </message>
    <message>
        <source>可签发</source>
        <translation>Ready to issue</translation>
    </message>
    <message>
        <source>未确认</source>
        <translation>Not confirmed</translation>
    </message>
    <message>
        <source>未登记</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>print</translation>
    </message>
    <message>
        <source>套打</source>
        <translation>Stock printing</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>export</translation>
    </message>
    <message>
        <source>本批次没有可签发的考生：须成绩合格、审核通过且尚未发证（见“考生”页的说明）</source>
        <translation>Nobody in this batch can be issued a certificate: they must have passed, been approved and not yet hold one (see the notes on the Candidates tab)</translation>
    </message>
    <message>
        <source>证书 {0} {1}，不能{2}</source>
        <translation>Certificate {0} is {1}: it cannot be used to {2}</translation>
    </message>
    <message>
        <source>请先选择一张已撤销的证书</source>
        <translation>Select a revoked certificate first</translation>
    </message>
    <message>
        <source>证书 {0} 的撤销复原已提出，等待质量督导员确认</source>
        <translation>The reversal of certificate {0}&apos;s revocation was proposed and waits for a quality supervisor</translation>
    </message>
    <message>
        <source>证书 {0} 未被撤销，无需复原</source>
        <translation>Certificate {0} is not revoked; there is nothing to reverse</translation>
    </message>
    <message>
        <source>证书 {0} 没有待确认的撤销复原；复原须由证书管理员提出</source>
        <translation>Certificate {0} has no reversal waiting; a certificate officer proposes reversals</translation>
    </message>
    <message>
        <source>请先在证书列表中选择证书。</source>
        <translation>Select certificates in the list first.</translation>
    </message>
    <message>
        <source>签发证书</source>
        <translation>Issue certificates</translation>
    </message>
    <message>
        <source>签名密钥口令（仅用于本次签名，不会保存）：</source>
        <translation>Signing key passphrase (used for this signature only, never saved):</translation>
    </message>
    <message>
        <source>已签发 {0} 张证书：{1} 至 {2}。</source>
        <translation>Issued {0} certificates: {1} to {2}.</translation>
    </message>
    <message>
        <source>注意：已超过颁证截止日 {0}。</source>
        <translation>Note: the issue deadline {0} has passed.</translation>
    </message>
    <message>
        <source>未发证 {0} 人（不符合申报条件，尚无质量督导员登记的例外）：</source>
        <translation>{0} not certified (not eligible, and no exception recorded by a quality supervisor):</translation>
    </message>
    <message>
        <source>签发完成</source>
        <translation>Issuing finished</translation>
    </message>
    <message>
        <source>重打证书 {0}（已打印过）</source>
        <translation>Reprint certificate {0} (printed before)</translation>
    </message>
    <message>
        <source>导出证书 PDF</source>
        <translation>Export certificate PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>确定{0}证书 {1} 吗？补发不能撤回此操作；确属有误时，须由证书管理员提出、质量督导员确认撤销复原。</source>
        <translation>{0} certificate {1}? A reissue cannot undo this; if it proves wrong, a certificate officer proposes and a quality supervisor confirms a reversal.</translation>
    </message>
    <message>
        <source>撤销类别（核验证书时对外显示）：</source>
        <translation>Category (shown to anyone verifying the certificate):</translation>
    </message>
    <message>
        <source>撤销复原</source>
        <translation>Reverse revocation</translation>
    </message>
    <message>
        <source>撤销有误的理由（如复核结论、文号）：</source>
        <translation>Why the revocation was wrong (review conclusion, reference number):</translation>
    </message>
    <message>
        <source>已提出撤销复原</source>
        <translation>Reversal proposed</translation>
    </message>
    <message>
        <source>证书 {0} 的撤销复原已提出（编号 {1}），须由另一位质量督导员确认后生效。</source>
        <translation>The reversal of certificate {0}&apos;s revocation is proposed (no. {1}); it takes effect once another person, a quality supervisor, confirms it.</translation>
    </message>
    <message>
        <source>证书 {0}（撤销类别：{1}）
提出人 {2}，理由：{3}</source>
        <translation>Certificate {0} (revoked: {1})
proposed by {2}, reason: {3}</translation>
    </message>
    <message>
        <source>确认复原：证书恢复有效</source>
        <translation>Confirm: the certificate is valid again</translation>
    </message>
    <message>
        <source>驳回：证书保持撤销</source>
        <translation>Reject: the certificate stays revoked</translation>
    </message>
    <message>
        <source>证书 {0} 已恢复有效。</source>
        <translation>Certificate {0} is valid again.</translation>
    </message>
    <message>
        <source>驳回撤销复原</source>
        <translation>Reject the reversal</translation>
    </message>
    <message>
        <source>驳回理由：</source>
        <translation>Reason for rejecting:</translation>
    </message>
    <message>
        <source>补发</source>
        <translation>Reissue</translation>
    </message>
    <message>
        <source>签名密钥口令：</source>
        <translation>Signing key passphrase:</translation>
    </message>
    <message>
        <source>补发完成</source>
        <translation>Reissue finished</translation>
    </message>
    <message>
        <source>已补发证书 {0}（原证书 {1}）。</source>
        <translation>Reissued certificate {0} (replaces {1}).</translation>
    </message>
    <message>
        <source>导出吊销列表</source>
        <translation>Export revocation list</translation>
    </message>
    <message>
        <source>吊销列表 (*.json)</source>
        <translation>Revocation list (*.json)</translation>
    </message>
    <message>
        <source>选择本机构的印章图片</source>
        <translation>Choose the body&apos;s seal image</translation>
    </message>
    <message>
        <source>图片 (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>机构印章</source>
        <translation>Body seal</translation>
    </message>
    <message>
        <source>登记完成</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>印章图片已登记（{0}×{1}），新证书将使用该印章。</source>
        <translation>Seal image registered ({0}×{1}); new certificates will use it.</translation>
    </message>
</context>
<context>
    <name>CheckinPage</name>
    <message>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>应到</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>已到</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>缺考</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>离场</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>未签到</source>
        <translation>Not checked in</translation>
    </message>
    <message>
        <source>扫描准考证二维码，或输入准考证号 / 证件号码后按回车</source>
        <translation>Scan the admission ticket QR code, or type the ticket or ID number and press Enter</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>场次</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>座位号</source>
        <translation>Seat</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>违纪记录（F8）</source>
        <translation>Incident (F8)</translation>
    </message>
    <message>
        <source>人证不符（F9）</source>
        <translation>Not the person (F9)</translation>
    </message>
    <message>
        <source>未到考生记为缺考</source>
        <translation>Mark the rest absent</translation>
    </message>
    <message>
        <source>{0} {1} 第{2}考场 {3} {4}</source>
        <translation>{0} {1} room {2} {3} {4}</translation>
    </message>
    <message>
        <source>{0} 第{1}考场 {2}</source>
        <translation>{0} room {1} {2}</translation>
    </message>
    <message>
        <source>请先选择场次。</source>
        <translation>Choose a session first.</translation>
    </message>
    <message>
        <source>该考生此前已签到{0}，状态未更改。</source>
        <translation>This candidate already checked in{0}; status unchanged.</translation>
    </message>
    <message>
        <source>二维码校验通过。请核对照片与本人、身份证件。</source>
        <translation>QR code verified. Compare the photo with the person and their ID.</translation>
    </message>
    <message>
        <source>{0}签到（未经二维码校验）：请仔细核对照片与身份证件。</source>
        <translation>Checked in by {0} (QR code not verified): check the photo and ID carefully.</translation>
    </message>
    <message>
        <source>请先扫描或输入考生的准考证号。</source>
        <translation>Scan or type the candidate&apos;s admission ticket number first.</translation>
    </message>
    <message>
        <source>已将 {0} 记为{1}。</source>
        <translation>{0} marked as {1}.</translation>
    </message>
    <message>
        <source>请先扫描或输入违纪考生的准考证号。</source>
        <translation>Scan or type the admission ticket number of the candidate concerned first.</translation>
    </message>
    <message>
        <source>{0}（座位 {1}）</source>
        <translation>{0} (seat {1})</translation>
    </message>
    <message>
        <source>已记录 {0} 的违纪情况。</source>
        <translation>Incident recorded for {0}.</translation>
    </message>
    <message>
        <source>已记录人证不符：{0}（座位 {1}）。请按考场规定处理并报告主考。</source>
        <translation>Recorded that the person does not match: {0} (seat {1}). Follow the room rules and tell the chief examiner.</translation>
    </message>
    <message>
        <source>把本场次所有尚未签到的考生记为缺考？之后到场的考生仍可扫码签到改为已到。</source>
        <translation>Mark every candidate of this session not yet checked in as absent? Anyone arriving later can still scan in and become present.</translation>
    </message>
    <message>
        <source>已将 {0} 名未到考生记为缺考。</source>
        <translation>{0} candidates not checked in marked absent.</translation>
    </message>
    <message>
        <source>准考证号 {0}</source>
        <translation>Admission ticket {0}</translation>
    </message>
    <message>
        <source>无照片，请核对证件</source>
        <translation>No photo — check the ID</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>准考证号</source>
        <translation>Admission ticket</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>第一次录入</source>
        <translation>First entry</translation>
    </message>
    <message>
        <source>第二次录入</source>
        <translation>Second entry</translation>
    </message>
    <message>
        <source>场次</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>两次录入不一致（须由质量督导员裁定）</source>
        <translation>Entries that differ (to be resolved by a quality supervisor)</translation>
    </message>
    <message>
        <source>裁定所选…</source>
        <translation>Resolve selected…</translation>
    </message>
    <message>
        <source>尚不能确认的原因</source>
        <translation>Why the session cannot be confirmed yet</translation>
    </message>
    <message>
        <source>确认并锁定本场次成绩</source>
        <translation>Confirm and lock this session&apos;s scores</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>未确认</source>
        <translation>Not confirmed</translation>
    </message>
    <message>
        <source>裁定成绩</source>
        <translation>Decided score</translation>
    </message>
    <message>
        <source>第 {0} 行（{1}）已裁定为 {2}。</source>
        <translation>Row {0} ({1}) resolved as {2}.</translation>
    </message>
    <message>
        <source>请先在列表中选择一行不一致的成绩。</source>
        <translation>Select a row of differing entries first.</translation>
    </message>
    <message>
        <source>确认后本场次成绩即锁定，之后修改须申请更正并经质量督导员批准。确定吗？</source>
        <translation>Confirming locks this session&apos;s scores; later changes need a correction request approved by a quality supervisor. Continue?</translation>
    </message>
    <message>
        <source>确认成绩</source>
        <translation>Confirm scores</translation>
    </message>
    <message>
        <source>{0} 条成绩已确认锁定；{1} 名考生各科均已确认，其中合格 {2} 人。</source>
        <translation>{0} scores confirmed and locked; {1} candidates have every component confirmed, {2} of them passed.</translation>
    </message>
</context>
<context>
    <name>DeadlinesPage</name>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>起算日</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>截止日</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>剩余天数</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>State</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>录入人</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <source>期限看板</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>报送：考核结束后 30 日内；确认：报送后 10 个工作日内（按国务院节假日安排）；颁证：审核通过后 30 日内。依据《广西数字技术工程师培育项目实施方案》三（三）。</source>
        <translation>Report to the province: within 30 days after the assessment ends; confirmation: within 10 working days of the report (official holiday calendar); certificates: within 30 days of approval. Source: Guangxi Digital Technology Engineer programme implementation plan, section 3(3).</translation>
    </message>
    <message>
        <source>节假日调整表（逐日补充或更正官方日历；手工录入某年后须“标记年度完整”，否则该年的工作日期限无法计算）</source>
        <translation>Holiday table (adds to or corrects the official calendar day by day; a year entered by hand must be marked complete, or its working-day deadlines cannot be computed)</translation>
    </message>
    <message>
        <source>只有系统管理员可以修改节假日安排</source>
        <translation>Only the system administrator can change the holiday arrangements</translation>
    </message>
    <message>
        <source>节假日安排：{0}</source>
        <translation>Holiday arrangements: {0}</translation>
    </message>
    <message>
        <source>，{0} 个截止日未知（请导入该年的国务院节假日安排通知，或逐日录入后标记年度完整）</source>
        <translation>, {0} due dates unknown (import that year&apos;s State Council holiday notice, or enter it day by day and mark the year complete)</translation>
    </message>
    <message>
        <source>选择国务院节假日安排通知</source>
        <translation>Choose the State Council&apos;s holiday notice</translation>
    </message>
    <message>
        <source>通知文本或网页 (*.txt *.html *.htm *.shtml);;所有文件 (*)</source>
        <translation>Notice text or web page (*.txt *.html *.htm *.shtml);;All files (*)</translation>
    </message>
    <message>
        <source>粘贴国务院节假日安排通知</source>
        <translation>Paste the State Council&apos;s holiday notice</translation>
    </message>
    <message>
        <source>请从官方网站复制通知全文（含标题“国务院办公厅关于……年部分节假日安排的通知”）粘贴到下面：</source>
        <translation>Copy the whole notice from the official web site, its title included (“General Office of the State Council: notice on the arrangement of some holidays in YYYY”), and paste it below:</translation>
    </message>
    <message>
        <source>节假日安排</source>
        <translation>Holiday arrangements</translation>
    </message>
    <message>
        <source>已导入并确认：{0}</source>
        <translation>Imported and confirmed: {0}</translation>
    </message>
    <message>
        <source>标记年度完整</source>
        <translation>Mark year complete</translation>
    </message>
    <message>
        <source>已逐日录入全部放假日和调休上班日的年份：</source>
        <translation>Year whose days off and adjusted working days are all entered:</translation>
    </message>
    <message>
        <source>确认 {0} 年的全部放假日和调休上班日都已按国务院通知录入？标记后，该年未录入的日期一律按周一至周五上班计算。</source>
        <translation>Are all days off and adjusted working days of {0} entered as the State Council&apos;s notice gives them? Once marked, every other day of that year counts as an ordinary Monday-to-Friday week.</translation>
    </message>
    <message>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>导入国务院节假日安排通知…</source>
        <translation>Import State Council holiday notice…</translation>
    </message>
    <message>
        <source>从文件导入（文本或保存的网页）…</source>
        <translation>From a file (text or saved web page)…</translation>
    </message>
    <message>
        <source>粘贴通知全文…</source>
        <translation>Paste the whole notice…</translation>
    </message>
    <message>
        <source>标记年度完整…</source>
        <translation>Mark year complete…</translation>
    </message>
    <message>
        <source>录入节假日…</source>
        <translation>Add holiday…</translation>
    </message>
    <message>
        <source>删除所选节假日</source>
        <translation>Delete selected holiday</translation>
    </message>
    <message>
        <source>共 {0} 个批次，逾期 {1} 个</source>
        <translation>{0} batches, {1} overdue</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>{0} 年的节假日安排尚未完整录入或确认，无法计算工作日期限</source>
        <translation>The holiday arrangement of {0} is not complete or confirmed yet: working-day deadlines cannot be computed</translation>
    </message>
    <message>
        <source>剩余 {0} 天</source>
        <translation>{0} days left</translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>已逾期 {0} 天</source>
        <translation>{0} days overdue</translation>
    </message>
    <message>
        <source>调休上班</source>
        <translation>Working day</translation>
    </message>
    <message>
        <source>放假</source>
        <translation>Day off</translation>
    </message>
    <message>
        <source>节假日调整表</source>
        <translation>Holiday table</translation>
    </message>
    <message>
        <source>请先选择要删除的日期。</source>
        <translation>Select the date to delete first.</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>确定删除 {0} 吗？</source>
        <translation>Delete {0}?</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>设置完成</source>
        <translation>Set-up complete</translation>
    </message>
    <message>
        <source>请立即备份：登录后由系统管理员在“机构与密钥”页执行备份，并把备份存放在另一台电脑或U 盘上。质量督导员登录后请确认业务范围（如已填写）。</source>
        <translation>Back up now: after signing in, the system administrator makes a backup on the Body and keys page and keeps it on another computer or a USB drive. The quality supervisor confirms the remit after signing in (if one was entered).</translation>
    </message>
    <message>
        <source>签名证书指纹（SHA-256）：
{0}</source>
        <translation>Signing certificate fingerprint (SHA-256):
{0}</translation>
    </message>
</context>
<context>
    <name>ExaminerDialog</name>
    <message>
        <source>登记考评人员</source>
        <translation>Register examiner</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职责</source>
        <translation>Duties</translation>
    </message>
    <message>
        <source>可考评职业</source>
        <translation>Occupations</translation>
    </message>
    <message>
        <source>（不评分）</source>
        <translation>(does not score)</translation>
    </message>
    <message>
        <source>最高可考评等级</source>
        <translation>Highest level</translation>
    </message>
    <message>
        <source>登录用户名（可不填）</source>
        <translation>Sign-in username (optional)</translation>
    </message>
    <message>
        <source>考评员证书编号</source>
        <translation>Examiner certificate no.</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>关联账号</source>
        <translation>Linked account</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <source>报送与数据包</source>
        <translation>Reports and packages</translation>
    </message>
    <message>
        <source>审核结果</source>
        <translation>Approval results</translation>
    </message>
    <message>
        <source>导入结果</source>
        <translation>Import results</translation>
    </message>
    <message>
        <source>校验结果</source>
        <translation>Verification result</translation>
    </message>
    <message>
        <source>批次(&amp;B)</source>
        <translation>&amp;Batch</translation>
    </message>
    <message>
        <source>还没有批次。</source>
        <translation>No batches yet.</translation>
    </message>
    <message>
        <source>批次状态：{0}</source>
        <translation>Batch status: {0}</translation>
    </message>
</context>
<context>
    <name>ExchangeSection</name>
    <message>
        <source>考生</source>
        <translation>candidates</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>含完整证件号码</source>
        <translation>with full ID numbers</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>photos</translation>
    </message>
    <message>
        <source>考评人员账号</source>
        <translation>examiner accounts</translation>
    </message>
    <message>
        <source>封存试卷</source>
        <translation>sealed papers</translation>
    </message>
    <message>
        <source>座位</source>
        <translation>seats</translation>
    </message>
    <message>
        <source>违纪记录</source>
        <translation>incidents</translation>
    </message>
    <message>
        <source>成绩记录</source>
        <translation>score entries</translation>
    </message>
    <message>
        <source>需要“{0}”权限</source>
        <translation>Needs the &quot;{0}&quot; permission</translation>
    </message>
    <message>
        <source>签名密钥口令（仅用于本次签名，不会保存）：</source>
        <translation>Signing key passphrase (used for this signature only, never saved):</translation>
    </message>
    <message>
        <source>正在生成并签名…</source>
        <translation>Building and signing…</translation>
    </message>
    <message>
        <source>无法写入文件 {0}：{1}。请换一个位置保存后重新导出。</source>
        <translation>Cannot write the file {0}: {1}. Choose another place to save it and export again.</translation>
    </message>
    <message>
        <source>无法读取文件 {0}：{1}。请检查文件是否存在、是否有权限读取。</source>
        <translation>Cannot read the file {0}: {1}. Check that it exists and that you may read it.</translation>
    </message>
    <message>
        <source>数据包 (*.zip)</source>
        <translation>Packages (*.zip)</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>已保存{0}数据包：{1}
批次 {2}，序号 {3}；{4}。
数据包编号 {5}</source>
        <translation>Saved {0} package: {1}
Batch {2}, sequence {3}; {4}.
Package ID {5}</translation>
    </message>
</context>
<context>
    <name>HoldersDialog</name>
    <message>
        <source>题库授权管理</source>
        <translation>Question bank access</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>题库角色</source>
        <translation>Bank role</translation>
    </message>
    <message>
        <source>密钥副本</source>
        <translation>Key copy</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>授权(&amp;G)</source>
        <translation>&amp;Grant</translation>
    </message>
    <message>
        <source>撤销授权并更换密钥(&amp;R)</source>
        <translation>&amp;Revoke and replace key</translation>
    </message>
    <message>
        <source>密码被重置，需重新授权</source>
        <translation>Password was reset; grant again</translation>
    </message>
    <message>
        <source>尚未登记密钥，请其登录后在题库页登记</source>
        <translation>No key registered yet; they should sign in and register on the question bank page</translation>
    </message>
    <message>
        <source>有</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>已无（应撤销）</source>
        <translation>No (revoke access)</translation>
    </message>
    <message>
        <source>持有</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>撤销授权</source>
        <translation>Revoke access</translation>
    </message>
    <message>
        <source>撤销 {0} 的授权后将更换题库密钥并重新加密全部试题，确定吗？</source>
        <translation>Revoking {0}&apos;s access replaces the bank key and re-encrypts every item. Continue?</translation>
    </message>
    <message>
        <source>正在更换题库密钥…</source>
        <translation>Replacing the bank key…</translation>
    </message>
</context>
<context>
    <name>HolidayCalendar</name>
    <message>
        <source>{0} 年：未完整（已录入 {1} 天），工作日期限无法计算</source>
        <translation>{0}: incomplete ({1} days entered), working-day deadlines cannot be computed</translation>
    </message>
    <message>
        <source>{0} 年：未录入，工作日期限无法计算</source>
        <translation>{0}: not entered, working-day deadlines cannot be computed</translation>
    </message>
    <message>
        <source>{0} 年：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>HolidayDialog</name>
    <message>
        <source>节假日调整</source>
        <translation>Holiday entry</translation>
    </message>
    <message>
        <source>调休上班（不勾选表示放假）</source>
        <translation>Working day (unticked: day off)</translation>
    </message>
    <message>
        <source>如：2027 年元旦</source>
        <translation>e.g. New Year&apos;s Day 2027</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>HolidayNoticeDialog</name>
    <message>
        <source>核对 {0} 年节假日安排</source>
        <translation>Review the holiday arrangement of {0}</translation>
    </message>
    <message>
        <source>{0} 年节假日安排（文本中无标题）</source>
        <translation>Holiday arrangement of {0} (no title in the text)</translation>
    </message>
    <message>
        <source>当前状态：{0}&#x3000;&#x3000;文件 SHA-256：{1}…</source>
        <translation>Status now: {0}    File SHA-256: {1}…</translation>
    </message>
    <message>
        <source>确认导入</source>
        <translation>Confirm import</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;{0}&apos;&gt;&amp;nbsp;15休&amp;nbsp;&lt;/span&gt; 放假&#x3000;&lt;span style=&apos;{1}&apos;&gt;&amp;nbsp;14班&amp;nbsp;&lt;/span&gt; 调休上班（周末上班）</source>
        <translation>&lt;span style=&apos;{0}&apos;&gt;&amp;nbsp;15 H&amp;nbsp;&lt;/span&gt; day off  &lt;span style=&apos;{1}&apos;&gt;&amp;nbsp;14 W&amp;nbsp;&lt;/span&gt; adjusted working day (weekend worked)</translation>
    </message>
    <message>
        <source>通知条目（请与日历逐项核对）：</source>
        <translation>The notice&apos;s items (check each against the calendar):</translation>
    </message>
    <message>
        <source>与内置官方日历不同的日期：{0}；确认后以本通知为准。</source>
        <translation>Days that differ from the built-in official calendar: {0}; once confirmed, this notice decides.</translation>
    </message>
    <message>
        <source>确认后将替换节假日调整表中 {0} 年已有的 {1} 条记录。</source>
        <translation>Confirming replaces the {1} entries of {0} now in the holiday table.</translation>
    </message>
    <message>
        <source>调休上班</source>
        <translation>Adjusted working day</translation>
    </message>
    <message>
        <source>放假</source>
        <translation>Day off</translation>
    </message>
    <message>
        <source>另含相邻年份的日期：{0}</source>
        <translation>Also days of the neighbouring years: {0}</translation>
    </message>
    <message>
        <source>未计入（通知中的倡议，不是放假安排）：{0}</source>
        <translation>Not counted (an encouragement in the notice, not a day off): {0}</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>欢迎，{0}</source>
        <translation>Welcome, {0}</translation>
    </message>
    <message>
        <source>评价机构：{0}</source>
        <translation>Evaluation body: {0}</translation>
    </message>
    <message>
        <source>您的角色：{0}</source>
        <translation>Your roles: {0}</translation>
    </message>
    <message>
        <source>您可以：{0}</source>
        <translation>You can: {0}</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>导入考生名册 — 批次 {0}</source>
        <translation>Import candidate roster — batch {0}</translation>
    </message>
    <message>
        <source>尚未选择文件（.xlsx 或 .csv，UTF-8 / GB18030）</source>
        <translation>No file chosen yet (.xlsx or .csv, UTF-8 / GB18030)</translation>
    </message>
    <message>
        <source>选择名册文件…</source>
        <translation>Choose roster file…</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>问题与修改方法</source>
        <translation>Problem and how to fix it</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>所依据的条件或原因</source>
        <translation>Alternative met, or reason</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>申报条件</source>
        <translation>Eligibility</translation>
    </message>
    <message>
        <source>全部不导入</source>
        <translation>Import nothing</translation>
    </message>
    <message>
        <source>仅导入有效行</source>
        <translation>Import valid rows only</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>仅导入有效的 {0} 行</source>
        <translation>Import only the {0} valid rows</translation>
    </message>
    <message>
        <source>导入全部 {0} 行</source>
        <translation>Import all {0} rows</translation>
    </message>
    <message>
        <source>选择考生名册</source>
        <translation>Choose candidate roster</translation>
    </message>
    <message>
        <source>考生名册 (*.xlsx *.csv *.xls *.et)</source>
        <translation>Candidate roster (*.xlsx *.csv *.xls *.et)</translation>
    </message>
    <message>
        <source>正在检查名册…</source>
        <translation>Checking roster…</translation>
    </message>
    <message>
        <source>共 {0} 行：有效 {1} 行，有问题 {2} 行（{3} 处）。请选择全部不导入（修改后重新导入），或仅导入有效行。</source>
        <translation>{0} rows: {1} valid, {2} with problems ({3} in all). Choose &quot;Import nothing&quot; (fix the file and import again) or import the valid rows only.</translation>
    </message>
    <message>
        <source>共 {0} 行，全部有效。</source>
        <translation>{0} rows, all valid.</translation>
    </message>
    <message>
        <source>表头在第 {0} 行。</source>
        <translation>Header in row {0}. </translation>
    </message>
    <message>
        <source>申报条件：有效行中符合 {0} 行，不符合 {1} 行。不符合的考生可以导入，但须经质量督导员登记例外才能排座、录入成绩、报送和发证。</source>
        <translation>Eligibility: of the valid rows, {0} eligible and {1} not eligible. Rows that are not eligible can be imported, but need an exception recorded by a quality supervisor before seating, scoring, reporting and certification.</translation>
    </message>
    <message>
        <source>符合</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <source>不符合</source>
        <translation>Not eligible</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <source>违纪记录</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>考生</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>时间、行为、处理情况</source>
        <translation>Time, conduct, action taken</translation>
    </message>
    <message>
        <source>经过</source>
        <translation>Account</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>如 2020-07-01</source>
        <translation>e.g. 2020-07-01</translation>
    </message>
    <message>
        <source>考生报名</source>
        <translation>Candidate application</translation>
    </message>
    <message>
        <source>（{0}方向）</source>
        <translation> ({0} direction)</translation>
    </message>
    <message>
        <source>申报：{0}{1}{2}&#x3000;批次 {3}</source>
        <translation>Applying for: {0}{1} {2}   batch {3}</translation>
    </message>
    <message>
        <source>提交报名</source>
        <translation>Submit application</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>身份与联系方式</source>
        <translation>Identity and contact</translation>
    </message>
    <message>
        <source>18位公民身份号码</source>
        <translation>18-character resident ID number</translation>
    </message>
    <message>
        <source>11位手机号</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <source>学历、工作与职称</source>
        <translation>Education, work and title</translation>
    </message>
    <message>
        <source>所学专业与申报职业相关</source>
        <translation>Major is related to the occupation applied for</translation>
    </message>
    <message>
        <source>无本职业工作经历（如应届毕业生）可留空</source>
        <translation>Leave empty if no work in this occupation (e.g. new graduates)</translation>
    </message>
    <message>
        <source>有职称时填写</source>
        <translation>Fill in if a title is held</translation>
    </message>
    <message>
        <source>在桂依据</source>
        <translation>Guangxi connection</translation>
    </message>
    <message>
        <source>灵活就业、新就业形态人员可选“在桂居住”</source>
        <translation>Freelance and platform workers may choose &quot;Lives in Guangxi&quot;</translation>
    </message>
    <message>
        <source>在桂居住时填写居住地址或居住证号</source>
        <translation>If living in Guangxi, give the address or residence permit number</translation>
    </message>
    <message>
        <source>培训合格证书（已参加培训时填写）</source>
        <translation>Training certificate (if training was attended)</translation>
    </message>
    <message>
        <source>已取得的专业技术等级证书（如有）</source>
        <translation>Professional level certificate already held (if any)</translation>
    </message>
    <message>
        <source>职业编码，如 2-02-10-09</source>
        <translation>Occupation code, e.g. 2-02-10-09</translation>
    </message>
    <message>
        <source>出生日期 {0}，性别 {1}</source>
        <translation>Born {0}, sex {1}</translation>
    </message>
    <message>
        <source>号码格式正确</source>
        <translation>Number format is correct</translation>
    </message>
    <message>
        <source>“{0}”：{1}</source>
        <translation>&quot;{0}&quot;: {1}</translation>
    </message>
    <message>
        <source>有 {0} 处需要修改，见各栏右侧的红字。</source>
        <translation>{0} things to fix; see the red text beside each field.</translation>
    </message>
    <message>
        <source>未能提交，见“{0}”一栏右侧的说明。</source>
        <translation>Not submitted; see the note beside &quot;{0}&quot;.</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>签发证书</source>
        <translation>Issue certificates</translation>
    </message>
    <message>
        <source>正在生成、检查并签名证书…</source>
        <translation>Rendering, checking and signing certificates…</translation>
    </message>
</context>
<context>
    <name>ItemEditorDialog</name>
    <message>
        <source>编辑试题</source>
        <translation>Edit item</translation>
    </message>
    <message>
        <source>新建试题</source>
        <translation>New item</translation>
    </message>
    <message>
        <source>通用题留空</source>
        <translation>Leave empty for general items</translation>
    </message>
    <message>
        <source>每行一个选项，依次为 A、B、C…</source>
        <translation>One option per line, in order A, B, C…</translation>
    </message>
    <message>
        <source>单选如 B；多选如 ACD；判断填 对 或 错</source>
        <translation>Single choice e.g. B; multiple choice e.g. ACD; true/false: 对 or 错</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>职业方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>知识领域</source>
        <translation>Knowledge area</translation>
    </message>
    <message>
        <source>题型</source>
        <translation>Item type</translation>
    </message>
    <message>
        <source>难度（1–5）</source>
        <translation>Difficulty (1–5)</translation>
    </message>
    <message>
        <source>题干</source>
        <translation>Stem</translation>
    </message>
    <message>
        <source>选项</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>参考答案</source>
        <translation>Answer key</translation>
    </message>
    <message>
        <source>评分要点</source>
        <translation>Marking points</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>权重表中没有该职业此等级的知识领域，请先在 resources/standards/weights.json 中补充</source>
        <translation>The weight table has no knowledge areas for this occupation and level; add them to resources/standards/weights.json first</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>第 3 步：签名密钥（由证书管理员输入口令）</source>
        <translation>Step 3: the signing key (the certificate officer types the passphrase)</translation>
    </message>
    <message>
        <source>口令至少 {0} 个字符。每次签发证书都要输入它，遗失后证书无法签发，请牢记并妥善保管。不导入 PKCS#12 文件时，程序为机构生成自签名证书。</source>
        <translation>At least {0} characters. It is asked for every time certificates are issued; without it none can be issued, so remember it and keep it safe. Without a PKCS#12 file the program makes a self-signed certificate for the body.</translation>
    </message>
    <message>
        <source>密钥口令 *</source>
        <translation>Passphrase *</translation>
    </message>
    <message>
        <source>再次输入口令 *</source>
        <translation>Passphrase again *</translation>
    </message>
    <message>
        <source>导入 PKCS#12</source>
        <translation>Import PKCS#12</translation>
    </message>
    <message>
        <source>PKCS#12 密码</source>
        <translation>PKCS#12 password</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>签名证书</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <source>修改密钥口令…</source>
        <translation>Change key passphrase…</translation>
    </message>
    <message>
        <source>生成新的签名密钥…</source>
        <translation>Generate new signing key…</translation>
    </message>
    <message>
        <source>证书主题：{0}
指纹 (SHA-256)：{1}
有效期至：{2}</source>
        <translation>Subject: {0}
Fingerprint (SHA-256): {1}
Valid until: {2}</translation>
    </message>
    <message>
        <source>修改密钥口令</source>
        <translation>Change key passphrase</translation>
    </message>
    <message>
        <source>原口令：</source>
        <translation>Current passphrase:</translation>
    </message>
    <message>
        <source>新口令（至少 8 个字符）：</source>
        <translation>New passphrase (at least 8 characters):</translation>
    </message>
    <message>
        <source>再次输入新口令：</source>
        <translation>Enter the new passphrase again:</translation>
    </message>
    <message>
        <source>两次输入的新口令不一致。</source>
        <translation>The two new passphrases do not match.</translation>
    </message>
    <message>
        <source>口令已修改。</source>
        <translation>The passphrase has been changed.</translation>
    </message>
    <message>
        <source>生成新的签名密钥</source>
        <translation>Generate new signing key</translation>
    </message>
    <message>
        <source>新密钥生成后，此后签发的证书和数据包将使用新密钥签名；旧证书仍可用旧证书核验。继续吗？</source>
        <translation>Once the new key is generated, certificates and packages issued from now on are signed with it; older documents still verify with the old certificate. Continue?</translation>
    </message>
    <message>
        <source>密钥口令</source>
        <translation>Key passphrase</translation>
    </message>
    <message>
        <source>新密钥的口令（至少 8 个字符）：</source>
        <translation>Passphrase of the new key (at least 8 characters):</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>系统管理员</source>
        <translation>System administrator</translation>
    </message>
    <message>
        <source>考务管理员</source>
        <translation>Exam administrator</translation>
    </message>
    <message>
        <source>考评员</source>
        <translation>Examiner</translation>
    </message>
    <message>
        <source>质量督导员</source>
        <translation>Quality supervisor</translation>
    </message>
    <message>
        <source>命题专家</source>
        <translation>Item writer</translation>
    </message>
    <message>
        <source>题库管理员</source>
        <translation>Bank administrator</translation>
    </message>
    <message>
        <source>证书管理员</source>
        <translation>Certificate officer</translation>
    </message>
    <message>
        <source>管理用户与角色</source>
        <translation>manage users and roles</translation>
    </message>
    <message>
        <source>修改机构信息</source>
        <translation>edit the body profile</translation>
    </message>
    <message>
        <source>管理受信任的签名者</source>
        <translation>manage trusted signers</translation>
    </message>
    <message>
        <source>更换签名密钥或修改密钥口令</source>
        <translation>replace the signing key or change its passphrase</translation>
    </message>
    <message>
        <source>确认或拒绝角色授予</source>
        <translation>confirm or reject grants of roles</translation>
    </message>
    <message>
        <source>修改系统设置</source>
        <translation>change system settings</translation>
    </message>
    <message>
        <source>查看标准目录</source>
        <translation>view the standards catalogue</translation>
    </message>
    <message>
        <source>修改标准目录</source>
        <translation>edit the standards catalogue</translation>
    </message>
    <message>
        <source>查看审计日志</source>
        <translation>view the audit log</translation>
    </message>
    <message>
        <source>备份数据库</source>
        <translation>back up the database</translation>
    </message>
    <message>
        <source>查看考生</source>
        <translation>view candidates</translation>
    </message>
    <message>
        <source>录入和修改考生</source>
        <translation>enter and edit candidates</translation>
    </message>
    <message>
        <source>导入考生名册</source>
        <translation>import candidate rosters</translation>
    </message>
    <message>
        <source>查看考生照片</source>
        <translation>View candidate photos</translation>
    </message>
    <message>
        <source>抽取核查样本</source>
        <translation>draw verification samples</translation>
    </message>
    <message>
        <source>登记核查结果</source>
        <translation>record verification results</translation>
    </message>
    <message>
        <source>管理考核计划与批次</source>
        <translation>manage assessment plans and batches</translation>
    </message>
    <message>
        <source>管理场次与考场</source>
        <translation>manage sessions and rooms</translation>
    </message>
    <message>
        <source>考生签到</source>
        <translation>check candidates in</translation>
    </message>
    <message>
        <source>录入成绩</source>
        <translation>enter scores</translation>
    </message>
    <message>
        <source>处理成绩不一致</source>
        <translation>resolve differing score entries</translation>
    </message>
    <message>
        <source>确认并锁定成绩</source>
        <translation>confirm and lock scores</translation>
    </message>
    <message>
        <source>申请更正成绩</source>
        <translation>request score corrections</translation>
    </message>
    <message>
        <source>批准成绩更正</source>
        <translation>approve score corrections</translation>
    </message>
    <message>
        <source>查看题库统计</source>
        <translation>view question bank counts</translation>
    </message>
    <message>
        <source>编写试题草稿</source>
        <translation>write draft items</translation>
    </message>
    <message>
        <source>审核与管理试题</source>
        <translation>review and manage items</translation>
    </message>
    <message>
        <source>组卷与封存试卷</source>
        <translation>assemble and seal papers</translation>
    </message>
    <message>
        <source>启封试卷</source>
        <translation>open sealed papers</translation>
    </message>
    <message>
        <source>查看证书</source>
        <translation>view certificates</translation>
    </message>
    <message>
        <source>签发证书</source>
        <translation>Issue certificates</translation>
    </message>
    <message>
        <source>打印证书</source>
        <translation>print certificates</translation>
    </message>
    <message>
        <source>撤销与补发证书</source>
        <translation>revoke and reissue certificates</translation>
    </message>
    <message>
        <source>提出撤销复原</source>
        <translation>Propose reversing a revocation</translation>
    </message>
    <message>
        <source>确认撤销复原</source>
        <translation>Confirm reversing a revocation</translation>
    </message>
    <message>
        <source>登记证书图片</source>
        <translation>register certificate images</translation>
    </message>
    <message>
        <source>登记审核结果</source>
        <translation>record approval results</translation>
    </message>
    <message>
        <source>导出报送数据包</source>
        <translation>export report packages</translation>
    </message>
    <message>
        <source>导入数据包</source>
        <translation>import packages</translation>
    </message>
    <message>
        <source>合规检查</source>
        <translation>run compliance checks</translation>
    </message>
    <message>
        <source>提请复核模板字样</source>
        <translation>propose template phrases for review</translation>
    </message>
    <message>
        <source>确认模板字样复核</source>
        <translation>confirm reviewed template phrases</translation>
    </message>
    <message>
        <source>撤回模板字样复核</source>
        <translation>withdraw reviewed template phrases</translation>
    </message>
    <message>
        <source>确认机构名称的依据</source>
        <translation>confirm the basis for the body&apos;s name</translation>
    </message>
    <message>
        <source>登记申报条件例外</source>
        <translation>Record eligibility exceptions</translation>
    </message>
    <message>
        <source>登记业务范围</source>
        <translation>Record the body&apos;s remit</translation>
    </message>
    <message>
        <source>确认业务范围</source>
        <translation>Confirm the body&apos;s remit</translation>
    </message>
    <message>
        <source>初级</source>
        <translation>Junior</translation>
    </message>
    <message>
        <source>中级</source>
        <translation>Intermediate</translation>
    </message>
    <message>
        <source>高级</source>
        <translation>Senior</translation>
    </message>
    <message>
        <source>告知承诺</source>
        <translation>Commitment declaration</translation>
    </message>
    <message>
        <source>提交证明</source>
        <translation>Submitted proofs</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>冒名顶替（他人代考）</source>
        <translation>Impersonation (someone else sat the assessment)</translation>
    </message>
    <message>
        <source>虚假承诺</source>
        <translation>False commitment</translation>
    </message>
    <message>
        <source>考核违纪舞弊</source>
        <translation>Misconduct in the assessment</translation>
    </message>
    <message>
        <source>发证有误</source>
        <translation>Issued in error</translation>
    </message>
    <message>
        <source>其他原因</source>
        <translation>Other reason</translation>
    </message>
    <message>
        <source>报名作废</source>
        <translation>Application voided</translation>
    </message>
    <message>
        <source>已补发新证书</source>
        <translation>Replaced by a reissued certificate</translation>
    </message>
    <message>
        <source>在桂工作</source>
        <translation>Works in Guangxi</translation>
    </message>
    <message>
        <source>在桂居住</source>
        <translation>Lives in Guangxi</translation>
    </message>
    <message>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <source>港澳居民来往内地通行证</source>
        <translation>Mainland travel permit for Hong Kong and Macao residents</translation>
    </message>
    <message>
        <source>台湾居民来往大陆通行证</source>
        <translation>Mainland travel permit for Taiwan residents</translation>
    </message>
    <message>
        <source>港澳台居民居住证</source>
        <translation>Residence permit for Hong Kong, Macao and Taiwan residents</translation>
    </message>
    <message>
        <source>外国人永久居留身份证</source>
        <translation>Foreign permanent resident ID card</translation>
    </message>
    <message>
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <source>技工院校</source>
        <translation>Technical school</translation>
    </message>
    <message>
        <source>大学专科</source>
        <translation>Junior college</translation>
    </message>
    <message>
        <source>大学本科</source>
        <translation>Bachelor&apos;s degree</translation>
    </message>
    <message>
        <source>第二学士学位</source>
        <translation>Second bachelor&apos;s degree</translation>
    </message>
    <message>
        <source>硕士研究生</source>
        <translation>Master&apos;s degree</translation>
    </message>
    <message>
        <source>博士研究生</source>
        <translation>Doctorate</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>技术员</source>
        <translation>Technician</translation>
    </message>
    <message>
        <source>助理工程师</source>
        <translation>Assistant engineer</translation>
    </message>
    <message>
        <source>工程师</source>
        <translation>Engineer</translation>
    </message>
    <message>
        <source>高级工程师</source>
        <translation>Senior engineer</translation>
    </message>
    <message>
        <source>监考员</source>
        <translation>Invigilator</translation>
    </message>
    <message>
        <source>评审专家</source>
        <translation>Review expert</translation>
    </message>
    <message>
        <source>亲属</source>
        <translation>Relative</translation>
    </message>
    <message>
        <source>培训教师</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <source>同一单位</source>
        <translation>Same employer</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>理论知识考试</source>
        <translation>Theory exam</translation>
    </message>
    <message>
        <source>专业能力考核</source>
        <translation>Practical assessment</translation>
    </message>
    <message>
        <source>综合评审</source>
        <translation>Overall review</translation>
    </message>
    <message>
        <source>实考</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>缺考</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <source>报名与考核中</source>
        <translation>Intake and assessment</translation>
    </message>
    <message>
        <source>成绩已确认</source>
        <translation>Scores confirmed</translation>
    </message>
    <message>
        <source>已报送待确认</source>
        <translation>Reported, awaiting confirmation</translation>
    </message>
    <message>
        <source>已审核通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>证书已颁发</source>
        <translation>Certificates issued</translation>
    </message>
    <message>
        <source>报送</source>
        <translation>Report to the province</translation>
    </message>
    <message>
        <source>考点下发</source>
        <translation>Site package out</translation>
    </message>
    <message>
        <source>考点回传</source>
        <translation>Site results back</translation>
    </message>
    <message>
        <source>审核结果</source>
        <translation>Approval results</translation>
    </message>
    <message>
        <source>考务档案</source>
        <translation>Inspection dossier</translation>
    </message>
    <message>
        <source>理论知识权重表</source>
        <translation>Theory weight table</translation>
    </message>
    <message>
        <source>专业能力要求权重表</source>
        <translation>Practical skills weight table</translation>
    </message>
    <message>
        <source>单选题</source>
        <translation>Single choice</translation>
    </message>
    <message>
        <source>多选题</source>
        <translation>Multiple choice</translation>
    </message>
    <message>
        <source>判断题</source>
        <translation>True / false</translation>
    </message>
    <message>
        <source>简答题</source>
        <translation>Short answer</translation>
    </message>
    <message>
        <source>实操题</source>
        <translation>Practical task</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已审核</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>属实</source>
        <translation>True</translation>
    </message>
    <message>
        <source>不实</source>
        <translation>False</translation>
    </message>
    <message>
        <source>无法核实</source>
        <translation>Cannot verify</translation>
    </message>
    <message>
        <source>学历</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>专业相关</source>
        <translation>Related major</translation>
    </message>
    <message>
        <source>工作年限</source>
        <translation>Years of work</translation>
    </message>
    <message>
        <source>职称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>既有证书</source>
        <translation>Certificates held</translation>
    </message>
    <message>
        <source>培训合格证书</source>
        <translation>Training certificate</translation>
    </message>
    <message>
        <source>在桂依据</source>
        <translation>Guangxi connection</translation>
    </message>
    <message>
        <source>毕业证明</source>
        <translation>Graduation proof</translation>
    </message>
    <message>
        <source>未签到</source>
        <translation>Not checked in</translation>
    </message>
    <message>
        <source>已到</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>离场</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>作弊</source>
        <translation>Cheating</translation>
    </message>
    <message>
        <source>替考</source>
        <translation>Impersonation</translation>
    </message>
    <message>
        <source>人证不符</source>
        <translation>Person does not match photo or ID</translation>
    </message>
    <message>
        <source>违规携带电子设备</source>
        <translation>Forbidden electronic device</translation>
    </message>
    <message>
        <source>扰乱考场秩序</source>
        <translation>Disrupting the room</translation>
    </message>
    <message>
        <source>其他违纪</source>
        <translation>Other misconduct</translation>
    </message>
    <message>
        <source>扫描准考证二维码</source>
        <translation>admission ticket QR scan</translation>
    </message>
    <message>
        <source>手工输入准考证号</source>
        <translation>typed ticket number</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>待录入</source>
        <translation>To enter</translation>
    </message>
    <message>
        <source>待第二次录入</source>
        <translation>Awaiting second entry</translation>
    </message>
    <message>
        <source>两次一致</source>
        <translation>Entries agree</translation>
    </message>
    <message>
        <source>不一致，待裁定</source>
        <translation>Entries differ, to resolve</translation>
    </message>
    <message>
        <source>已裁定</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>已确认（已更正）</source>
        <translation>Confirmed (corrected)</translation>
    </message>
    <message>
        <source>证书有效</source>
        <translation>Certificate valid</translation>
    </message>
    <message>
        <source>证书无效</source>
        <translation>Certificate invalid</translation>
    </message>
    <message>
        <source>无法核验</source>
        <translation>Cannot verify</translation>
    </message>
    <message>
        <source>签名有效，撤销状态未知</source>
        <translation>Signature valid, revocation status unknown</translation>
    </message>
    <message>
        <source>证书已撤销</source>
        <translation>Certificate revoked</translation>
    </message>
    <message>
        <source>证书已作废</source>
        <translation>Certificate voided</translation>
    </message>
    <message>
        <source>查无此证书</source>
        <translation>No such certificate</translation>
    </message>
    <message>
        <source>姓名与证书不符</source>
        <translation>Name does not match the certificate</translation>
    </message>
    <message>
        <source>不是本机构签发的证书</source>
        <translation>Not a certificate of this body</translation>
    </message>
    <message>
        <source>报送截止</source>
        <translation>Report due</translation>
    </message>
    <message>
        <source>预计确认</source>
        <translation>Confirmation expected</translation>
    </message>
    <message>
        <source>颁证截止</source>
        <translation>Issue due</translation>
    </message>
    <message>
        <source>日期未知（官方日历尚未公布）</source>
        <translation>Date unknown (official calendar not yet published)</translation>
    </message>
    <message>
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>female</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>最高学历</source>
        <translation>Highest education</translation>
    </message>
    <message>
        <source>所学专业</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>专业是否相关</source>
        <translation>Major related</translation>
    </message>
    <message>
        <source>毕业日期</source>
        <translation>Graduation date</translation>
    </message>
    <message>
        <source>参加本职业工作时间</source>
        <translation>Started work in the occupation</translation>
    </message>
    <message>
        <source>职称取得日期</source>
        <translation>Title obtained</translation>
    </message>
    <message>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <source>在桂依据说明</source>
        <translation>Guangxi connection details</translation>
    </message>
    <message>
        <source>培训合格证书编号</source>
        <translation>Training certificate no.</translation>
    </message>
    <message>
        <source>培训机构</source>
        <translation>Training provider</translation>
    </message>
    <message>
        <source>培训学时</source>
        <translation>Training hours</translation>
    </message>
    <message>
        <source>培训结业日期</source>
        <translation>Training completed</translation>
    </message>
    <message>
        <source>既有证书职业编码</source>
        <translation>Held certificate occupation code</translation>
    </message>
    <message>
        <source>既有证书等级</source>
        <translation>Held certificate level</translation>
    </message>
    <message>
        <source>既有证书编号</source>
        <translation>Held certificate no.</translation>
    </message>
    <message>
        <source>既有证书发证日期</source>
        <translation>Held certificate issue date</translation>
    </message>
    <message>
        <source>申报方式</source>
        <translation>Application route</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>已确认（国务院通知）</source>
        <translation>confirmed (State Council&apos;s notice)</translation>
    </message>
    <message>
        <source>已完整录入（手工）</source>
        <translation>complete (entered by hand)</translation>
    </message>
    <message>
        <source>内置官方日历</source>
        <translation>built-in official calendar</translation>
    </message>
    <message>
        <source>未完整</source>
        <translation>incomplete</translation>
    </message>
    <message>
        <source>未录入</source>
        <translation>not entered</translation>
    </message>
</context>
<context>
    <name>LanguageBox</name>
    <message>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>保存语言设置</source>
        <translation>Save language</translation>
    </message>
    <message>
        <source>只改变本机的界面文字，重新登录后生效；业务数据、证书与系统给出的错误说明仍为中文。</source>
        <translation>Changes the interface text on this computer only, from the next sign-in; business data, certificates and error messages from the system stay in Chinese.</translation>
    </message>
    <message>
        <source>已保存。请退出登录并重新登录，界面将使用新的语言。</source>
        <translation>Saved. Sign out and sign in again to use the new language.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请输入用户名。</source>
        <translation>Enter your username.</translation>
    </message>
    <message>
        <source>须先设置新密码才能登录。</source>
        <translation>Set a new password before signing in.</translation>
    </message>
    <message>
        <source>考评 — 登录</source>
        <translation>Kaoping — sign in</translation>
    </message>
    <message>
        <source>考评 · 评价机构考核与证书管理</source>
        <translation>Kaoping · assessments and certificates for evaluation bodies</translation>
    </message>
    <message>
        <source>用户名(&amp;U)</source>
        <translation>&amp;Username</translation>
    </message>
    <message>
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
</context>
<context>
    <name>MainMenu</name>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>本页帮助</source>
        <translation>Help for this page</translation>
    </message>
    <message>
        <source>关于考评</source>
        <translation>About Kaoping</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>考评 — {0}</source>
        <translation>Kaoping — {0}</translation>
    </message>
    <message>
        <source>考评</source>
        <translation>Kaoping</translation>
    </message>
    <message>
        <source>本页没有搜索框</source>
        <translation>This page has no search box</translation>
    </message>
    <message>
        <source>已刷新</source>
        <translation>Refreshed</translation>
    </message>
    <message>
        <source>本页没有可打印的内容</source>
        <translation>Nothing to print on this page</translation>
    </message>
    <message>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>关于考评</source>
        <translation>About Kaoping</translation>
    </message>
    <message>
        <source>考评 Kaoping {0}

数据库：{1}

{2}</source>
        <translation>Kaoping {0}

Database: {1}

{2}</translation>
    </message>
    <message>
        <source>广西数字技术工程师培育项目 评价机构考评与发证系统</source>
        <translation>Guangxi Digital Technology Engineer programme: assessment and certificates for evaluation bodies</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>意外错误：{0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
    <message>
        <source>无法完成</source>
        <translation>Could not complete</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>一</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>二</source>
        <translation>Tu</translation>
    </message>
    <message>
        <source>三</source>
        <translation>We</translation>
    </message>
    <message>
        <source>四</source>
        <translation>Th</translation>
    </message>
    <message>
        <source>五</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>六</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>日</source>
        <translation>Su</translation>
    </message>
    <message>
        <source>{0} 月</source>
        <translation>Month {0}</translation>
    </message>
    <message>
        <source>班</source>
        <translation> W</translation>
    </message>
    <message>
        <source>休</source>
        <translation> H</translation>
    </message>
    <message>
        <source>调休上班</source>
        <translation>Adjusted working day</translation>
    </message>
    <message>
        <source>放假</source>
        <translation>Day off</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>期限看板</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>考核计划</source>
        <translation>Plans</translation>
    </message>
    <message>
        <source>考生</source>
        <translation>Candidates</translation>
    </message>
    <message>
        <source>核查抽样</source>
        <translation>Verification sampling</translation>
    </message>
    <message>
        <source>考务与场次</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>成绩录入</source>
        <translation>Score entry</translation>
    </message>
    <message>
        <source>核对与确认</source>
        <translation>Review and confirm</translation>
    </message>
    <message>
        <source>题库</source>
        <translation>Question bank</translation>
    </message>
    <message>
        <source>组卷与试卷</source>
        <translation>Paper assembly</translation>
    </message>
    <message>
        <source>试卷启封</source>
        <translation>Open papers</translation>
    </message>
    <message>
        <source>证书</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>证书核验</source>
        <translation>Verify certificates</translation>
    </message>
    <message>
        <source>报送与数据包</source>
        <translation>Reports and packages</translation>
    </message>
    <message>
        <source>标准目录</source>
        <translation>Standards catalogue</translation>
    </message>
    <message>
        <source>业务范围</source>
        <translation>Remit</translation>
    </message>
    <message>
        <source>用户与角色</source>
        <translation>Users and roles</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>签名密钥</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <source>机构与密钥</source>
        <translation>Body and keys</translation>
    </message>
    <message>
        <source>我的账号</source>
        <translation>My account</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <source>设置新密码</source>
        <translation>Set a new password</translation>
    </message>
    <message>
        <source>系统管理员重置了您的密码。请设置只有您自己知道的新密码：至少 {0} 个字符，须同时包含字母和数字。</source>
        <translation>The system administrator reset your password. Set a new password only you know: at least {0} characters, with both letters and digits.</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>保存并登录</source>
        <translation>Save and sign in</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致，请重新输入。</source>
        <translation>The two new passwords differ; please type them again.</translation>
    </message>
</context>
<context>
    <name>NewSessionDialog</name>
    <message>
        <source>新增场次</source>
        <translation>New session</translation>
    </message>
    <message>
        <source>场次编号</source>
        <translation>Session code</translation>
    </message>
    <message>
        <source>考核科目</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>考点</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>考场</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>开始（北京时间）</source>
        <translation>Start (Beijing time)</translation>
    </message>
    <message>
        <source>结束（北京时间）</source>
        <translation>End (Beijing time)</translation>
    </message>
    <message>
        <source>座位数</source>
        <translation>Seats</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <source>未核查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>登记核查结果 — {0}（{1}）</source>
        <translation>Record verification results — {0} ({1})</translation>
    </message>
    <message>
        <source>核查方式与依据（不属实或无法核实时必填）</source>
        <translation>How it was checked and on what evidence (required if false or unverifiable)</translation>
    </message>
    <message>
        <source>任何一项“不实”即为不实承诺：申报作废，成绩与证书作废，并列入失信人员名单。</source>
        <translation>Any &quot;False&quot; makes the commitment false: the application, scores and certificates are voided and the person is put on the dishonesty register.</translation>
    </message>
</context>
<context>
    <name>PackageCheckSection</name>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>机构代码</source>
        <translation>Body code</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>Sequence</translation>
    </message>
    <message>
        <source>签名时间（UTC）</source>
        <translation>Signed at (UTC)</translation>
    </message>
    <message>
        <source>签名者</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>签名证书指纹</source>
        <translation>Signer certificate fingerprint</translation>
    </message>
    <message>
        <source>数据包编号</source>
        <translation>Package ID</translation>
    </message>
    <message>
        <source>本机导入情况</source>
        <translation>Imported here</translation>
    </message>
    <message>
        <source>数据包校验</source>
        <translation>Package verification</translation>
    </message>
    <message>
        <source>核对任一数据包的签名、签名者和文件是否被改动。</source>
        <translation>Checks any package&apos;s signature, its signer, and whether any file was changed.</translation>
    </message>
    <message>
        <source>校验数据包文件(&amp;V)…</source>
        <translation>&amp;Verify a package file…</translation>
    </message>
    <message>
        <source>用本机构证书和受信任签名者的证书核对数据包。</source>
        <translation>Checks the package against this body&apos;s certificate and the trusted signers&apos; certificates.</translation>
    </message>
    <message>
        <source>选择一个数据包文件进行校验。</source>
        <translation>Choose a package file to verify.</translation>
    </message>
    <message>
        <source>数据文件</source>
        <translation>Data files</translation>
    </message>
    <message>
        <source>校验数据包</source>
        <translation>Verify package</translation>
    </message>
    <message>
        <source>数据包 (*.zip);;所有文件 (*)</source>
        <translation>Packages (*.zip);;All files (*)</translation>
    </message>
    <message>
        <source>通过</source>
        <comment>package check</comment>
        <translation>Passed</translation>
    </message>
    <message>
        <source>不通过</source>
        <comment>package check</comment>
        <translation>Failed</translation>
    </message>
    <message>
        <source>{0}：{1} — {2}</source>
        <translation>{0}: {1} — {2}</translation>
    </message>
    <message>
        <source>已在本机导入过</source>
        <translation>Already imported on this computer</translation>
    </message>
    <message>
        <source>未导入</source>
        <translation>Not imported</translation>
    </message>
</context>
<context>
    <name>PageHelp</name>
    <message>
        <source>期限看板列出每个批次正在计算的项目期限，逾期的行显示为红色。工作日按国务院节假日安排计算；某年的安排尚未完整录入时，期限显示为“无法计算”并说明原因。节假日调整表也在本页维护（系统管理员）。</source>
        <translation>The deadline board lists the programme deadlines running for each batch; overdue rows are red. Working days follow the State Council&apos;s holiday arrangement; where a year&apos;s arrangement is not fully entered, the deadline shows as &quot;cannot be computed&quot; with the reason. The holiday table is maintained here too (system administrator).</translation>
    </message>
    <message>
        <source>考核计划：先新建计划（职业、方向、等级、期间、考点与人数上限），再为计划新建批次；考生、场次、成绩和证书都按批次办理。超出本机构业务范围的计划会被拒绝并说明原因。</source>
        <translation>Plans: first file a plan (occupation, direction, level, period, sites and capacity), then open batches of it; candidates, sessions, scores and certificates are all handled per batch. A plan outside the body&apos;s remit is refused with the reason.</translation>
    </message>
    <message>
        <source>考生页按批次列出申报人员。先选择批次，再用“导入花名册”导入 Excel 或 CSV；导入前会逐行检查，出错的行会写明行号、列名和原因。Ctrl+F 跳到搜索框，可按姓名或证件号末位查找。</source>
        <translation>The candidates page lists applicants by batch. Choose a batch, then use &quot;Import roster&quot; for an Excel or CSV file; every row is checked before import and faulty rows name the row, the column and the reason. Ctrl+F jumps to the search box, which finds names or the last digits of an ID number.</translation>
    </message>
    <message>
        <source>核查抽样从批次中抽取可复现的样本，逐人记录核查结果；同一种子再次抽取得到相同名单。</source>
        <translation>Verification sampling draws a reproducible sample of a batch and records what checking found for each person; the same seed draws the same list again.</translation>
    </message>
    <message>
        <source>考务与场次：为批次安排场次、考场和座位，指派考评人员。违反回避或人数规定的安排会列在下方并说明原因。</source>
        <translation>Sessions: arrange sessions, rooms and seats for a batch and assign assessors. Arrangements that break the recusal or staffing rules are listed below with the reason.</translation>
    </message>
    <message>
        <source>签到页供考场门口使用：扫描准考证二维码，或输入准考证号、证件号后按回车。用功能键记录迟到、缺考、离场和已到，F8 记录违纪。</source>
        <translation>The check-in page is for the exam-room door: scan the admission ticket&apos;s QR code, or type a ticket or ID number and press Enter. The function keys record late, absent, left and present; F8 records an incident.</translation>
    </message>
    <message>
        <source>成绩录入：选择场次后直接输入分数，回车保存本行并跳到下一行。两人分别录入，不一致的行会标红等待裁定。</source>
        <translation>Score entry: choose a session and type scores; Enter saves the row and moves to the next. Two people key separately; rows that disagree turn red and wait for a decision.</translation>
    </message>
    <message>
        <source>核对与确认：处理两次录入不一致的成绩，查看尚未满足的确认条件，全部满足后确认场次成绩。</source>
        <translation>Check and confirm: resolve scores where the two keyings disagree, see which conditions for confirmation are still open, and confirm the session&apos;s scores once all are met.</translation>
    </message>
    <message>
        <source>题库页所有人只能看到目录信息；题库管理员和命题人员输入本人密码解锁后才能查看和编辑试题内容。试题始终加密保存。</source>
        <translation>Everyone sees the question bank&apos;s catalogue data only; bank administrators and item writers unlock it with their own password to see and edit items. Items are always stored encrypted.</translation>
    </message>
    <message>
        <source>组卷与试卷：按细目表预览组卷蓝图，为场次抽题组卷，生成加密试卷。</source>
        <translation>Papers: preview the blueprint from the weight table, draw a paper for a session and produce the encrypted paper.</translation>
    </message>
    <message>
        <source>试卷启封须两人在场：考务管理员和质量督导分别输入密码后，在开考时间窗口内打开试卷。</source>
        <translation>Opening a paper takes two people: the exam administrator and the quality supervisor each enter their password, within the time window before the exam.</translation>
    </message>
    <message>
        <source>证书页列出批次的证书和待发证考生。签发前每份证书都会经过合规检查并签名；可预览、打印、撤销和补发。Ctrl+P 打印当前预览。</source>
        <translation>The certificates page lists a batch&apos;s certificates and the candidates waiting for one. Every certificate is checked for compliance and signed before it is issued; certificates can be previewed, printed, revoked and reissued. Ctrl+P prints the current preview.</translation>
    </message>
    <message>
        <source>证书核验：选择证书 PDF 或二维码照片，检查签名、内容和撤销状态；可附上最新的撤销清单。</source>
        <translation>Verification: choose a certificate PDF or a photo of its QR code to check the signature, the content and the revocation status; the latest revocation list can be added.</translation>
    </message>
    <message>
        <source>报送与数据包：导出签名的报送包、导入人社部门的审核结果、收发考点数据包、生成核查档案。</source>
        <translation>Reports and packages: export the signed report package, import the department&apos;s review results, send and receive site packages, produce inspection dossiers.</translation>
    </message>
    <message>
        <source>标准目录列出职业、代码和方向，每项注明是否已与官方文件核对；系统管理员可以修改。</source>
        <translation>The catalogue lists occupations, codes and directions, each marked as checked against the official documents or not; system administrators may edit it.</translation>
    </message>
    <message>
        <source>用户与角色：系统管理员建立账号、分配角色、重置密码；新增角色须由质量督导确认后生效。</source>
        <translation>Users and roles: the system administrator creates accounts, assigns roles and resets passwords; added roles take effect once the quality supervisor confirms them.</translation>
    </message>
    <message>
        <source>业务范围：本机构获准开展评价的职业、方向和等级。系统管理员提交并写明依据，质量督导员确认后生效；超出业务范围的考核计划会被拒绝。</source>
        <translation>Remit: the occupations, directions and levels this body may assess. The system administrator proposes it with its basis and it takes effect once the quality supervisor confirms; a plan outside the remit is refused.</translation>
    </message>
    <message>
        <source>审计日志记录每一项操作及其结果，可按人员、操作和文字筛选，并检查日志的哈希链是否完整。</source>
        <translation>The audit log records every action and its outcome; filter it by person, action or text, and check that its hash chain is intact.</translation>
    </message>
    <message>
        <source>签名密钥页供证书专员更换签名密钥或修改其口令。口令遗失后证书无法签发，请妥善保管。</source>
        <translation>The signing key page lets the certificate officer replace the signing key or change its passphrase. Without the passphrase no certificate can be issued: keep it safe.</translation>
    </message>
    <message>
        <source>机构与密钥：机构资料、签名密钥的公开信息和备份。请定期备份并把备份存放在另一处。</source>
        <translation>Body and keys: the body&apos;s profile, the signing key&apos;s public facts, and backups. Back up regularly and keep the backups in another place.</translation>
    </message>
    <message>
        <source>我的账号：查看本人的角色和权限，修改本人密码，选择界面语言。</source>
        <translation>My account: see your roles and rights, change your own password, choose the interface language.</translation>
    </message>
    <message>
        <source>常用按键：F1 本页帮助，F5 刷新，Ctrl+F 查找，Ctrl+C 复制所选单元格，Ctrl+P 打印，Ctrl+Q 退出。</source>
        <translation>Keys: F1 help for this page, F5 refresh, Ctrl+F find, Ctrl+C copy the selected cells, Ctrl+P print, Ctrl+Q quit.</translation>
    </message>
</context>
<context>
    <name>PaperList</name>
    <message>
        <source>试卷编号</source>
        <translation>Paper code</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>题量</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>场次</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>组卷时间</source>
        <translation>Assembled at</translation>
    </message>
    <message>
        <source>组卷人</source>
        <translation>Assembled by</translation>
    </message>
    <message>
        <source>启封记录</source>
        <translation>Openings</translation>
    </message>
    <message>
        <source>已组卷（未封存）</source>
        <translation>Assembled (not sealed)</translation>
    </message>
    <message>
        <source>已封存</source>
        <translation>Sealed</translation>
    </message>
    <message>
        <source>理论知识</source>
        <translation>Theory</translation>
    </message>
    <message>
        <source>专业能力</source>
        <translation>Practical skills</translation>
    </message>
    <message>
        <source>（导入）</source>
        <translation> (imported)</translation>
    </message>
    <message>
        <source>未启封</source>
        <translation>Not opened</translation>
    </message>
    <message>
        <source>{0} 次；最近 {1}（{2}）</source>
        <translation>{0} time(s); last {1} ({2})</translation>
    </message>
    <message>
        <source>试卷</source>
        <translation>Papers</translation>
    </message>
    <message>
        <source>请先在列表中选择一份试卷。</source>
        <translation>Select a paper in the list first.</translation>
    </message>
    <message>
        <source>启封试卷</source>
        <translation>open sealed papers</translation>
    </message>
    <message>
        <source>该试卷尚未封存。</source>
        <translation>This paper is not sealed yet.</translation>
    </message>
    <message>
        <source>导出封存试卷</source>
        <translation>Export sealed paper</translation>
    </message>
    <message>
        <source>封存试卷 (*.kppaper)</source>
        <translation>Sealed paper (*.kppaper)</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
</context>
<context>
    <name>PaperOpenDialog</name>
    <message>
        <source>启封试卷 {0}</source>
        <translation>Open sealed paper {0}</translation>
    </message>
    <message>
        <source>第一位启封人</source>
        <translation>First opener</translation>
    </message>
    <message>
        <source>第二位启封人</source>
        <translation>Second opener</translation>
    </message>
    <message>
        <source>例如：第 1 场考试开考前启封</source>
        <translation>e.g. opened before session 1 starts</translation>
    </message>
    <message>
        <source>启封用途</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>场次：{0}
启封时间：{1}
可启封人（任意两位）：{2}</source>
        <translation>Session: {0}
Opening window: {1}
Openers (any two): {2}</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>启封(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>打印试卷(&amp;P)…</source>
        <translation>&amp;Print paper…</translation>
    </message>
    <message>
        <source>打印参考答案(&amp;A)…</source>
        <translation>Print &amp;answer key…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已启封：{0}，共 {1} 题。请打印后关闭本窗口。</source>
        <translation>Opened: {0}, {1} items. Print it, then close this window.</translation>
    </message>
    <message>
        <source>参考答案</source>
        <translation>answer key</translation>
    </message>
    <message>
        <source>试卷</source>
        <translation>paper</translation>
    </message>
    <message>
        <source>保存{0} PDF</source>
        <translation>Save {0} PDF</translation>
    </message>
    <message>
        <source>已保存{0}：{1}</source>
        <translation>Saved {0}: {1}</translation>
    </message>
</context>
<context>
    <name>PaperOpenPage</name>
    <message>
        <source>启封(&amp;O)…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>导入封存试卷(&amp;I)…</source>
        <translation>&amp;Import sealed paper…</translation>
    </message>
    <message>
        <source>导出封存文件(&amp;X)…</source>
        <translation>E&amp;xport sealed file…</translation>
    </message>
    <message>
        <source>登记启封密钥(&amp;K)</source>
        <translation>Register opening &amp;key</translation>
    </message>
    <message>
        <source>您已登记启封密钥；此后封存的试卷可由您与另一位启封人共同开启。</source>
        <translation>Your opening key is registered; papers sealed from now on can be opened by you together with another opener.</translation>
    </message>
    <message>
        <source>您还没有启封密钥：请点“登记启封密钥”并输入登录密码，之后封存的试卷才能由您参与开启。</source>
        <translation>You have no opening key yet: click &quot;Register opening key&quot; and enter your sign-in password so that papers sealed afterwards can be opened with you.</translation>
    </message>
    <message>
        <source>登记启封密钥</source>
        <translation>Register opening key</translation>
    </message>
    <message>
        <source>请输入您的登录密码：</source>
        <translation>Enter your sign-in password:</translation>
    </message>
    <message>
        <source>导入封存试卷</source>
        <translation>Import sealed paper</translation>
    </message>
    <message>
        <source>封存试卷 (*.kppaper *.json)</source>
        <translation>Sealed paper (*.kppaper *.json)</translation>
    </message>
</context>
<context>
    <name>PapersPage</name>
    <message>
        <source>知识领域</source>
        <translation>Knowledge area</translation>
    </message>
    <message>
        <source>权重</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>题量</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>封存(&amp;S)</source>
        <translation>&amp;Seal</translation>
    </message>
    <message>
        <source>导出封存文件(&amp;X)…</source>
        <translation>E&amp;xport sealed file…</translation>
    </message>
    <message>
        <source>启封(&amp;O)…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>预览组卷方案(&amp;B)</source>
        <translation>Preview &amp;blueprint</translation>
    </message>
    <message>
        <source>组卷(&amp;M)</source>
        <translation>Asse&amp;mble</translation>
    </message>
    <message>
        <source>场次</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>权重表</source>
        <translation>Weight table</translation>
    </message>
    <message>
        <source>{0}（批次 {1}，{2}，{3}）</source>
        <translation>{0} (batch {1}, {2}, {3})</translation>
    </message>
    <message>
        <source>还没有场次：请先在“考务与场次”中创建场次，再为其组卷。</source>
        <translation>No sessions yet: create one under &quot;Sessions&quot; first, then assemble a paper for it.</translation>
    </message>
    <message>
        <source>组卷</source>
        <translation>Assemble</translation>
    </message>
    <message>
        <source>请先选择场次。</source>
        <translation>Choose a session first.</translation>
    </message>
    <message>
        <source>已组卷 {0}：{1} 题，平均难度 {2:.2f}。{3}</source>
        <translation>Assembled {0}: {1} items, mean difficulty {2:.2f}. {3}</translation>
    </message>
    <message>
        <source>试卷 {0} 已封存；可启封人（任意两位同时在场）：{1}</source>
        <translation>Paper {0} sealed; openers (any two, together): {1}</translation>
    </message>
</context>
<context>
    <name>PasswordBox</name>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>至少 {0} 个字符，须同时包含字母和数字。</source>
        <translation>At least {0} characters, with both letters and digits.</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致，请重新输入。</source>
        <translation>The two new passwords differ; please type them again.</translation>
    </message>
    <message>
        <source>密码已修改，下次登录请使用新密码。</source>
        <translation>Password changed. Use the new password the next time you sign in.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>选择一张证书即可在此预览</source>
        <translation>Select a certificate to preview it here</translation>
    </message>
</context>
<context>
    <name>PdfPrinting</name>
    <message>
        <source>打印证书</source>
        <translation>print certificates</translation>
    </message>
    <message>
        <source>打印机无法开始打印，请检查打印机是否可用</source>
        <translation>The printer could not start printing; check that it is available</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>第 2 步：首批三位人员</source>
        <translation>Step 2: the first three people</translation>
    </message>
    <message>
        <source>三人各自输入自己的密码。用户名为 2–32 位字母、数字、点、横线或下划线；密码至少 {0} 个字符，须同时包含字母和数字；三人的用户名不能相同。</source>
        <translation>Each of the three types their own password. User names are 2–32 letters, digits, dots, hyphens or underscores; passwords have at least {0} characters with both letters and digits; the three user names must differ.</translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation>System administrator</translation>
    </message>
    <message>
        <source>质量督导员（确认此后的角色授予）</source>
        <translation>Quality supervisor (confirms later role grants)</translation>
    </message>
    <message>
        <source>证书管理员（设置签名密钥口令）</source>
        <translation>Certificate officer (sets the key passphrase)</translation>
    </message>
    <message>
        <source>用户名 *</source>
        <translation>User name *</translation>
    </message>
    <message>
        <source>姓名 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>密码 *</source>
        <translation>Password *</translation>
    </message>
    <message>
        <source>再次输入 *</source>
        <translation>Again *</translation>
    </message>
</context>
<context>
    <name>PhotoCropDialog</name>
    <message>
        <source>裁剪与旋转照片</source>
        <translation>Crop and rotate photo</translation>
    </message>
    <message>
        <source>拖动黄色框选取头像（头部居中、上方留少量空白），用滑块或滚轮调整大小；照片歪斜时先旋转。确定后照片会按 {0}×{1} 像素保存并重新检查。</source>
        <translation>Drag the yellow frame over the head (centred, a little space above); size it with the slider or the mouse wheel; straighten a tilted photo first. On OK the photo is saved at {0}×{1} pixels and checked again.</translation>
    </message>
    <message>
        <source>向左转 90°</source>
        <translation>Turn left 90°</translation>
    </message>
    <message>
        <source>向右转 90°</source>
        <translation>Turn right 90°</translation>
    </message>
    <message>
        <source>微调角度</source>
        <translation>Fine angle</translation>
    </message>
    <message>
        <source>框大小</source>
        <translation>Frame size</translation>
    </message>
</context>
<context>
    <name>PhotoImportDialog</name>
    <message>
        <source>导入考生照片 — 批次 {0}</source>
        <translation>Import candidate photos — batch {0}</translation>
    </message>
    <message>
        <source>照片文件（JPEG 或 PNG）以考生的证件号码或准考证号命名，放在一个文件夹或 zip 压缩包中；也可以选择在“照片”列嵌入了照片的名册（.xlsx）。</source>
        <translation>Photo files (JPEG or PNG) named by the candidate&apos;s ID number or admission ticket number, in a folder or a zip archive; or a roster (.xlsx) with photos placed in its photo column.</translation>
    </message>
    <message>
        <source>尚未选择</source>
        <translation>Nothing chosen yet</translation>
    </message>
    <message>
        <source>选择文件夹…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <source>选择 zip 或名册…</source>
        <translation>Choose zip or roster…</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>问题与修改方法</source>
        <translation>Problem and how to fix it</translation>
    </message>
    <message>
        <source>全部不导入</source>
        <translation>Import nothing</translation>
    </message>
    <message>
        <source>仅导入合格的照片</source>
        <translation>Import only the good photos</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>仅导入合格的 {0} 张</source>
        <translation>Import only the {0} good photos</translation>
    </message>
    <message>
        <source>导入全部 {0} 张</source>
        <translation>Import all {0} photos</translation>
    </message>
    <message>
        <source>选择照片文件夹</source>
        <translation>Choose the photo folder</translation>
    </message>
    <message>
        <source>选择照片压缩包或名册</source>
        <translation>Choose a photo archive or roster</translation>
    </message>
    <message>
        <source>照片压缩包或名册 (*.zip *.xlsx)</source>
        <translation>Photo archives or rosters (*.zip *.xlsx)</translation>
    </message>
    <message>
        <source>正在检查照片…</source>
        <translation>Checking photos…</translation>
    </message>
    <message>
        <source>共 {0} 个文件：合格 {1} 张，不合格 {2} 个。请选择全部不导入（修改后重新导入），或仅导入合格的照片。</source>
        <translation>{0} files: {1} good, {2} refused. Import nothing (fix them and import again), or import only the good photos.</translation>
    </message>
    <message>
        <source>共 {0} 个文件，全部合格。</source>
        <translation>{0} files, all good.</translation>
    </message>
    <message>
        <source>正在导入照片…</source>
        <translation>Importing photos…</translation>
    </message>
</context>
<context>
    <name>PhraseProposalDialog</name>
    <message>
        <source>提请复核模板字样</source>
        <translation>Propose a template phrase for review</translation>
    </message>
    <message>
        <source>字样</source>
        <translation>Phrase</translation>
    </message>
    <message>
        <source>含禁用字样</source>
        <translation>Banned words in it</translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>所在文字</source>
        <translation>In the text</translation>
    </message>
    <message>
        <source>模板版本</source>
        <translation>Template version</translation>
    </message>
    <message>
        <source>为什么该字样不是禁用的称谓或声称（必填）</source>
        <translation>Why the phrase is not a banned title or claim (required)</translation>
    </message>
    <message>
        <source>理由(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>提请后须由另一位质量督导员确认才生效；只对当前模板版本有效，且只有恰为该字样的一段文字不再拦截。</source>
        <translation>A proposal takes effect only once another person, a quality supervisor, confirms it; it holds for the current template version only, and only a text run that is exactly this phrase is no longer blocked.</translation>
    </message>
    <message>
        <source>提请复核</source>
        <translation>Propose</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PhraseReviewSection</name>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>字样</source>
        <translation>Phrase</translation>
    </message>
    <message>
        <source>禁用字样</source>
        <translation>Banned words</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>提请人</source>
        <translation>Proposed by</translation>
    </message>
    <message>
        <source>确认 / 撤回人</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>未复核，签发时拦截</source>
        <translation>Not reviewed (blocks)</translation>
    </message>
    <message>
        <source>待质量督导员确认</source>
        <translation>Awaiting confirmation</translation>
    </message>
    <message>
        <source>已确认，不再拦截</source>
        <translation>Confirmed (passes)</translation>
    </message>
    <message>
        <source>已撤回</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>提请复核(&amp;R)…</source>
        <translation>P&amp;ropose…</translation>
    </message>
    <message>
        <source>确认复核(&amp;C)…</source>
        <translation>&amp;Confirm…</translation>
    </message>
    <message>
        <source>撤回复核(&amp;W)…</source>
        <translation>&amp;Withdraw…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>当前证书模板版本（SHA-256 前 {0} 位）：{1}。</source>
        <translation>Certificate template in use (first {0} digits of SHA-256): {1}. </translation>
    </message>
    <message>
        <source>模板的固定文字中没有禁用字样，无需复核。</source>
        <translation>Its fixed texts hold no banned word; nothing to review.</translation>
    </message>
    <message>
        <source>固定文字中含禁用字样 {0} 处：{1} 处未复核、签发时拦截，{2} 处待确认。证书管理员提请、另一位质量督导员确认后，仅对本版本、恰为该字样的文字不再拦截；模板修改后须重新复核。</source>
        <translation>Fixed texts with a banned word: {0}; {1} not reviewed (they block issuing), {2} awaiting confirmation. Once a certificate officer proposes one and another person, a quality supervisor, confirms it, a text run that is exactly the phrase no longer blocks, for this version only; an edited template needs a new review.</translation>
    </message>
    <message>
        <source>模板版本：{0}</source>
        <translation>Template version: {0}</translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>提请：{0}</source>
        <translation>Proposed: {0}</translation>
    </message>
    <message>
        <source>处理：{0}</source>
        <translation>Decided: {0}</translation>
    </message>
    <message>
        <source>先在列表中选择一条未复核的字样</source>
        <translation>First choose a phrase that is not reviewed yet</translation>
    </message>
    <message>
        <source>证书管理员写明理由，提请复核所选字样</source>
        <translation>The certificate officer proposes the chosen phrase, with a reason</translation>
    </message>
    <message>
        <source>先在列表中选择一条待确认的复核</source>
        <translation>First choose a review awaiting confirmation</translation>
    </message>
    <message>
        <source>质量督导员确认所选复核（不能是提请人本人）</source>
        <translation>A quality supervisor confirms the chosen review (not the person who proposed it)</translation>
    </message>
    <message>
        <source>先在列表中选择一条待确认或已确认的复核</source>
        <translation>First choose a review that is awaiting confirmation or confirmed</translation>
    </message>
    <message>
        <source>撤回所选复核，该字样重新按禁用字样拦截</source>
        <translation>Withdraw the chosen review; the phrase blocks issuing again</translation>
    </message>
    <message>
        <source>需要{0}角色</source>
        <translation>Needs the {0} role</translation>
    </message>
    <message>
        <source>需要以下角色之一：{0}</source>
        <translation>Needs one of these roles: {0}</translation>
    </message>
    <message>
        <source>已提请复核“{0}”，须由另一位质量督导员确认后才生效。</source>
        <translation>Proposed “{0}”; it takes effect once another person, a quality supervisor, confirms it.</translation>
    </message>
    <message>
        <source>确认“{0}”（含“{1}”）不是禁用的称谓或声称？
理由：{2}
提请人：{3}

确认后，当前模板版本中恰为该字样的文字在签发、打印时不再拦截。</source>
        <translation>Confirm that “{0}” (holding “{1}”) is not a banned title or claim?
Reason: {2}
Proposed by: {3}

Once confirmed, a text run that is exactly this phrase no longer blocks issuing or printing, for the current template version.</translation>
    </message>
    <message>
        <source>确认复核</source>
        <translation>Confirm review</translation>
    </message>
    <message>
        <source>已确认“{0}”；仅对当前证书模板版本有效，模板修改后须重新复核。</source>
        <translation>Confirmed “{0}”; it holds for the current certificate template version only, and an edited template needs a new review.</translation>
    </message>
    <message>
        <source>撤回复核</source>
        <translation>Withdraw review</translation>
    </message>
    <message>
        <source>撤回“{0}”的理由（可不填）：</source>
        <translation>Reason for withdrawing “{0}” (optional):</translation>
    </message>
    <message>
        <source>已撤回“{0}”；该字样重新按禁用字样拦截。</source>
        <translation>Withdrew “{0}”; the phrase blocks issuing again.</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>新建考核计划</source>
        <translation>New assessment plan</translation>
    </message>
    <message>
        <source>例如 GX-2027-01</source>
        <translation>e.g. GX-2027-01</translation>
    </message>
    <message>
        <source>计划编号 *</source>
        <translation>Plan code *</translation>
    </message>
    <message>
        <source>计划名称 *</source>
        <translation>Plan title *</translation>
    </message>
    <message>
        <source>职业 *</source>
        <translation>Occupation *</translation>
    </message>
    <message>
        <source>职业方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>等级 *</source>
        <translation>Level *</translation>
    </message>
    <message>
        <source>开始日期 *</source>
        <translation>Start date *</translation>
    </message>
    <message>
        <source>结束日期 *</source>
        <translation>End date *</translation>
    </message>
    <message>
        <source>考点 *</source>
        <translation>Sites *</translation>
    </message>
    <message>
        <source>人数上限 *</source>
        <translation>Capacity *</translation>
    </message>
    <message>
        <source>培训机构</source>
        <translation>Training institution</translation>
    </message>
    <message>
        <source>（不分方向）</source>
        <translation>(no direction)</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <source>计划编号</source>
        <translation>Plan code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>计划期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>考点</source>
        <translation>Sites</translation>
    </message>
    <message>
        <source>人数上限</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>培训机构</source>
        <translation>Training institution</translation>
    </message>
    <message>
        <source>批次编号</source>
        <translation>Batch code</translation>
    </message>
    <message>
        <source>批次名称</source>
        <translation>Batch name</translation>
    </message>
    <message>
        <source>考核日期</source>
        <translation>Assessment dates</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>新建计划…</source>
        <translation>New plan…</translation>
    </message>
    <message>
        <source>新建批次…</source>
        <translation>New batch…</translation>
    </message>
    <message>
        <source>{0} 至 {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <source>请先新建或选中一个考核计划，批次属于计划。</source>
        <translation>First create or select a plan: batches belong to plans.</translation>
    </message>
    <message>
        <source>还没有考核计划。请按“新建计划…”填写职业、等级、期间与考点，再为计划新建批次。</source>
        <translation>No plans yet. Use &quot;New plan…&quot; to enter the occupation, level, period and sites, then open a batch of the plan.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>本机数据库已加密，平时由各用户的密码打开。下面是它的恢复密钥：所有密码都遗忘时，凭它重新进入。它只显示这一次。
请保存并打印恢复密钥单，与电脑分开锁好；打印后删除电子文件。持有它的人能读出全部考生信息。</source>
        <translation>This computer&apos;s database is encrypted and is opened by each user&apos;s password. Below is its recovery key: if every password is forgotten, it lets you back in. It is shown only this once.
Save and print the recovery key sheet and lock it away from the computer; delete the file once printed. Whoever holds it can read every candidate&apos;s data.</translation>
    </message>
    <message>
        <source>保存恢复密钥单（PDF）…</source>
        <translation>Save the recovery key sheet (PDF)…</translation>
    </message>
    <message>
        <source>我已打印或抄写恢复密钥，并与电脑分开保管</source>
        <translation>I have printed or copied the recovery key and keep it away from the computer</translation>
    </message>
    <message>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>保存恢复密钥单</source>
        <translation>Save the recovery key sheet</translation>
    </message>
    <message>
        <source>已保存到 {0}。请立即打印，然后删除该文件。</source>
        <translation>Saved to {0}. Print it now, then delete the file.</translation>
    </message>
</context>
<context>
    <name>RemitDialog</name>
    <message>
        <source>业务范围</source>
        <translation>Remit</translation>
    </message>
    <message>
        <source>勾选本机构在评价机构目录中获准开展评价的职业、方向和等级；“全部方向”一行涵盖该职业的所有方向。完成设置后须由质量督导员确认才生效。</source>
        <translation>Tick the occupations, directions and levels the body is listed for in the directory of evaluation bodies; the &quot;all directions&quot; row covers every direction of the occupation. After set-up a quality supervisor must confirm it before it takes effect.</translation>
    </message>
    <message>
        <source>评价机构目录的公布文件名称、文号</source>
        <translation>Title and reference number of the published directory</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
</context>
<context>
    <name>RemitPage</name>
    <message>
        <source>登记新的业务范围（整体替换，经质量督导员确认后生效）</source>
        <translation>Record a new remit (replaces the whole remit; takes effect once a quality supervisor confirms it)</translation>
    </message>
    <message>
        <source>依据：评价机构目录的公布文件名称、文号</source>
        <translation>Basis: title and reference number of the published directory</translation>
    </message>
    <message>
        <source>提请确认</source>
        <translation>Submit for confirmation</translation>
    </message>
    <message>
        <source>确认待确认的业务范围</source>
        <translation>Confirm the waiting remit</translation>
    </message>
    <message>
        <source>本机构的业务范围尚未经质量督导员确认；确认前不能制定考核计划。</source>
        <translation>The body&apos;s remit has not been confirmed by a quality supervisor; no assessment plan can be made until it is.</translation>
    </message>
    <message>
        <source>已生效的业务范围（{0} 登记，{1} 于 {2} 确认；依据：{3}）：
{4}</source>
        <translation>Remit in force (recorded by {0}, confirmed by {1} on {2}; basis: {3}):
{4}</translation>
    </message>
    <message>
        <source>待质量督导员确认（{0} 登记；依据：{1}）：
{2}</source>
        <translation>Waiting for a quality supervisor (recorded by {0}; basis: {1}):
{2}</translation>
    </message>
    <message>
        <source>业务范围</source>
        <translation>Remit</translation>
    </message>
    <message>
        <source>已登记，须由质量督导员确认后生效。</source>
        <translation>Recorded; it takes effect once a quality supervisor confirms it.</translation>
    </message>
    <message>
        <source>已确认，即日起生效。</source>
        <translation>Confirmed; in force from now on.</translation>
    </message>
</context>
<context>
    <name>RemitTree</name>
    <message>
        <source>职业 / 方向</source>
        <translation>Occupation / direction</translation>
    </message>
    <message>
        <source>{0}（{1}）全部方向</source>
        <translation>{0} ({1}), all directions</translation>
    </message>
</context>
<context>
    <name>ReportSection</name>
    <message>
        <source>考生编号</source>
        <translation>Candidate no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>审核结果</source>
        <translation>Approval results</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>审核日期</source>
        <translation>Decided on</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>不通过</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>尚未答复</source>
        <translation>No answer yet</translation>
    </message>
    <message>
        <source>报送自治区人社厅</source>
        <translation>Report to the regional HR department</translation>
    </message>
    <message>
        <source>导出报送数据包(&amp;R)…</source>
        <translation>Export &amp;report package…</translation>
    </message>
    <message>
        <source>签名导出本批次的报送数据包（含完整证件号码）；已审核通过的考生不再报送。</source>
        <translation>Signs and exports this batch&apos;s report package (with full ID numbers); candidates already approved are not reported again.</translation>
    </message>
    <message>
        <source>导入审核结果(&amp;A)…</source>
        <translation>Import &amp;approval results…</translation>
    </message>
    <message>
        <source>导入自治区人社厅的审核结果：签名数据包（.zip），或 CSV / JSON 文件。</source>
        <translation>Imports the regional HR department&apos;s approval results: a signed package (.zip), or a CSV / JSON file.</translation>
    </message>
    <message>
        <source>已核实来源：未签名的 CSV/JSON 文件确实来自自治区人社厅</source>
        <translation>Source checked: the unsigned CSV/JSON file really comes from the regional HR department</translation>
    </message>
    <message>
        <source>签名数据包由系统核对签名；未签名文件无法自动确认来源，须由您核实后勾选。</source>
        <translation>A signed package has its signature checked by the system; an unsigned file cannot be traced automatically, so check its source yourself and tick the box.</translation>
    </message>
    <message>
        <source>导出考务档案(&amp;D)…</source>
        <translation>Export inspection &amp;dossier…</translation>
    </message>
    <message>
        <source>生成本批次的考务档案 PDF，并在同一文件夹保存签名数据包。</source>
        <translation>Produces this batch&apos;s inspection dossier PDF and saves its signed package in the same folder.</translation>
    </message>
    <message>
        <source>本批次还没有报送过考生。</source>
        <translation>No candidates of this batch have been reported yet.</translation>
    </message>
    <message>
        <source>已报送 {0} 人：审核通过 {1} 人，不通过 {2} 人，尚未答复 {3} 人。</source>
        <translation>Reported {0}: approved {1}, rejected {2}, no answer yet {3}.</translation>
    </message>
    <message>
        <source>不通过的考生按原因更正后，再次导出报送数据包即可重新报送。</source>
        <translation>Correct the rejected candidates as their reasons say, then export a report package again to re-report them.</translation>
    </message>
    <message>
        <source>导出报送数据包</source>
        <translation>export report packages</translation>
    </message>
    <message>
        <source>{0}_报送数据包.zip</source>
        <translation>{0}_report_package.zip</translation>
    </message>
    <message>
        <source>导入审核结果</source>
        <translation>Import approval results</translation>
    </message>
    <message>
        <source>审核结果 (*.zip *.csv *.json);;所有文件 (*)</source>
        <translation>Approval results (*.zip *.csv *.json);;All files (*)</translation>
    </message>
    <message>
        <source>批次 {0}（来源：{1}）：通过 {2} 人，不通过 {3} 人；新增或变更 {4} 条，未变 {5} 条。批次状态：{6}。</source>
        <translation>Batch {0} (source: {1}): approved {2}, rejected {3}; {4} new or changed, {5} unchanged. Batch status: {6}.</translation>
    </message>
    <message>
        <source>
不通过的考生及原因见“审核结果”列表。</source>
        <translation>
The rejected candidates and their reasons are in the &quot;Approval results&quot; list.</translation>
    </message>
    <message>
        <source>导出考务档案</source>
        <translation>Export inspection dossier</translation>
    </message>
    <message>
        <source>{0}_考务档案.pdf</source>
        <translation>{0}_inspection_dossier.pdf</translation>
    </message>
    <message>
        <source>已保存考务档案 {0}
及其签名数据包 {1}。</source>
        <translation>Saved the inspection dossier {0}
and its signed package {1}.</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>裁定 {0}</source>
        <translation>Resolve {0}</translation>
    </message>
    <message>
        <source>第一次：{0}（{1}）；第二次：{2}（{3}）</source>
        <translation>First: {0} ({1}); second: {2} ({3})</translation>
    </message>
    <message>
        <source>分数，或 Q = 缺考、Z = 作废</source>
        <translation>Score, or Q = absent, Z = void</translation>
    </message>
    <message>
        <source>如：核对原始答卷，第一次录入有误</source>
        <translation>e.g. checked the answer sheet; the first entry was wrong</translation>
    </message>
    <message>
        <source>裁定成绩</source>
        <translation>Decided score</translation>
    </message>
    <message>
        <source>裁定理由</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>SamplingPage</name>
    <message>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>核查抽样</source>
        <translation>Verification sampling</translation>
    </message>
    <message>
        <source>种子（留空则随机生成并记录）</source>
        <translation>Seed (empty: random, recorded)</translation>
    </message>
    <message>
        <source>抽取样本</source>
        <translation>Draw sample</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>抽查比例</source>
        <translation>Ratio</translation>
    </message>
    <message>
        <source>默认抽查比例为本机构暂定值，未见正式规定，请按主管部门要求调整。重点核查考生无论是否抽中都要核查。</source>
        <translation>The default ratio is this body&apos;s provisional value (no official rule found); adjust it as the authority requires. Flagged candidates are checked whether drawn or not.</translation>
    </message>
    <message>
        <source>重新抽取并比对</source>
        <translation>Redraw and compare</translation>
    </message>
    <message>
        <source>抽查记录</source>
        <translation>Draws</translation>
    </message>
    <message>
        <source>登记核查结果</source>
        <translation>record verification results</translation>
    </message>
    <message>
        <source>第 {0} 次（{1}，{2}，比例 {3}，{4} 人）</source>
        <translation>Draw {0} ({1}, {2}, ratio {3}, {4} people)</translation>
    </message>
    <message>
        <source>该批次尚无抽查记录。</source>
        <translation>No draws for this batch yet.</translation>
    </message>
    <message>
        <source>种子 {0}&#x3000;方法 {1}&#x3000;总体 {2} 人（名单指纹 {3}…）&#x3000;随机抽取 {4} 人&#x3000;重点核查 {5} 人</source>
        <translation>Seed {0}   method {1}   population {2} (list fingerprint {3}…)   drawn at random {4}   flagged {5}</translation>
    </message>
    <message>
        <source>随机抽取</source>
        <translation>Random draw</translation>
    </message>
    <message>
        <source>重点核查</source>
        <translation>Flagged for verification</translation>
    </message>
    <message>
        <source>请先选择批次。</source>
        <translation>Choose a batch first.</translation>
    </message>
    <message>
        <source>重新抽取结果与记录一致（{0} 人），总体名单指纹一致。</source>
        <translation>The redraw matches the record ({0} people) and the population fingerprint matches.</translation>
    </message>
    <message>
        <source>不一致！记录有而重抽没有：{0}；重抽有而记录没有：{1}；名单指纹{2}。</source>
        <translation>Mismatch! In the record but not the redraw: {0}; in the redraw but not the record: {1}; list fingerprint {2}.</translation>
    </message>
    <message>
        <source>一致</source>
        <translation>matches</translation>
    </message>
    <message>
        <source>不符</source>
        <translation>differs</translation>
    </message>
    <message>
        <source>重新抽取比对</source>
        <translation>Redraw comparison</translation>
    </message>
    <message>
        <source>请先选择一名被抽中的考生。</source>
        <translation>Select a sampled candidate first.</translation>
    </message>
    <message>
        <source>不实承诺</source>
        <translation>False commitment</translation>
    </message>
    <message>
        <source>{0} 的申报已作废，作废成绩 {1} 条，列入失信人员名单至 {2}。</source>
        <translation>{0}&apos;s application is void; {1} scores voided; on the dishonesty register until {2}.</translation>
    </message>
</context>
<context>
    <name>ScoreGridModel</name>
    <message>
        <source>座号</source>
        <translation>Seat</translation>
    </message>
    <message>
        <source>准考证号</source>
        <translation>Admission ticket</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>录入情况</source>
        <translation>Entry state</translation>
    </message>
    <message>
        <source>缺考（签到）</source>
        <translation>Absent (check-in)</translation>
    </message>
    <message>
        <source>未保存，请改正</source>
        <translation>Not saved, please correct</translation>
    </message>
    <message>
        <source>已录入，待另一位考评员录入</source>
        <translation>Entered; awaiting the other examiner</translation>
    </message>
</context>
<context>
    <name>ScoresPage</name>
    <message>
        <source>场次</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>只看不一致</source>
        <translation>Mismatches only</translation>
    </message>
    <message>
        <source>键盘录入：输入分数后按 Enter 保存并跳到下一行；Q = 缺考，Z = 作废（立即保存）；Backspace 删除，Esc 放弃本行输入。两位考评员分别录入，互不可见。</source>
        <translation>Keyboard entry: type a score and press Enter to save and move down; Q = absent, Z = void (saved at once); Backspace deletes, Esc drops the row&apos;s typing. Two examiners key separately and cannot see each other&apos;s entries.</translation>
    </message>
    <message>
        <source>不一致 {0} 行，待裁定</source>
        <translation>{0} rows disagree, awaiting a decision</translation>
    </message>
    <message>
        <source>您没有被安排为任何场次的考评员或评审专家，暂无可录入的场次；如需录入，请考务管理员在“考务与场次”中安排。</source>
        <translation>You are not on the panel of any session as examiner or reviewer, so there is nothing to key; ask the exam administrator to assign you under “Sessions”.</translation>
    </message>
    <message>
        <source>已确认锁定，不能再录入</source>
        <translation>confirmed and locked, no more entry</translation>
    </message>
    <message>
        <source>录入中</source>
        <translation>entry open</translation>
    </message>
    <message>
        <source>{0}：满分 {1}，合格线 {2}；{3}人；{4}</source>
        <translation>{0}: full marks {1}, pass mark {2}; {3} candidates; {4}</translation>
    </message>
    <message>
        <source>本场次成绩已确认锁定，不能再录入；如需修改请申请成绩更正。</source>
        <translation>This session&apos;s scores are confirmed and locked; request a score correction to change them.</translation>
    </message>
    <message>
        <source>第 {0} 行（{1}）您已录入过，不能再次录入；如有错误请联系质量督导员裁定。</source>
        <translation>Row {0} ({1}): you have already entered it and cannot enter it again; ask a quality supervisor to resolve any error.</translation>
    </message>
    <message>
        <source>第 {0} 行（{1}）已有两次录入。</source>
        <translation>Row {0} ({1}) already has two entries.</translation>
    </message>
    <message>
        <source>第 {0} 行（{1} {2}）已保存：{3}</source>
        <translation>Row {0} ({1} {2}) saved: {3}</translation>
    </message>
    <message>
        <source>{0} 分</source>
        <translation>{0} points</translation>
    </message>
    <message>
        <source>第 {0} 行（{1} {2}）未保存：{3}</source>
        <translation>Row {0} ({1} {2}) not saved: {3}</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>场次</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>科目</source>
        <translation>Component</translation>
    </message>
    <message>
        <source>考点 / 考场</source>
        <translation>Site / room</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>已排座/容量</source>
        <translation>Seated / seats</translation>
    </message>
    <message>
        <source>考评人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>规则检查</source>
        <translation>Rule check</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>去新建考核计划与批次</source>
        <translation>Go to plans and batches</translation>
    </message>
    <message>
        <source>新增场次</source>
        <translation>New session</translation>
    </message>
    <message>
        <source>排座</source>
        <translation>Seat candidates</translation>
    </message>
    <message>
        <source>安排考评人员</source>
        <translation>Assign staff</translation>
    </message>
    <message>
        <source>打印准考证</source>
        <translation>Print admission tickets</translation>
    </message>
    <message>
        <source>登记考评人员</source>
        <translation>Register examiner</translation>
    </message>
    <message>
        <source>导出计划备案表</source>
        <translation>Export plan filing form</translation>
    </message>
    <message>
        <source>还没有批次：请先在“考核计划”页新建计划和批次。</source>
        <translation>No batch yet: first create a plan and a batch on the Plans page.</translation>
    </message>
    <message>
        <source>批次已处于“{0}”阶段，不能再新增场次。</source>
        <translation>The batch is at the &quot;{0}&quot; stage: no more sessions can be added.</translation>
    </message>
    <message>
        <source>{0} {1}（{2}）</source>
        <translation>{0} {1} ({2})</translation>
    </message>
    <message>
        <source>还没有批次。考务安排从考核计划的批次开始。</source>
        <translation>No batch yet. Exam arrangements start from a plan&apos;s batch.</translation>
    </message>
    <message>
        <source>本批次还没有场次：请按“新增场次”安排第一个场次。</source>
        <translation>This batch has no sessions yet: use &quot;New session&quot; to arrange the first one.</translation>
    </message>
    <message>
        <source>共 {0} 个场次，{1} 个仍不符合规则</source>
        <translation>{0} sessions, {1} still breaking the rules</translation>
    </message>
    <message>
        <source>✗ {0} 项问题</source>
        <translation>✗ {0} problems</translation>
    </message>
    <message>
        <source>✓ 符合</source>
        <translation>✓ OK</translation>
    </message>
    <message>
        <source>{0} / 第{1}考场 {2}</source>
        <translation>{0} / room {1} {2}</translation>
    </message>
    <message>
        <source>未安排</source>
        <translation>None assigned</translation>
    </message>
    <message>
        <source>场次 {0}：人员安排符合配比、回避与资格要求。</source>
        <translation>Session {0}: staffing meets the ratio, recusal and qualification rules.</translation>
    </message>
    <message>
        <source>考务与场次</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>请先在列表中选择一个场次。</source>
        <translation>Select a session in the list first.</translation>
    </message>
    <message>
        <source>请先建立考核计划和批次。</source>
        <translation>Create an assessment plan and batch first.</translation>
    </message>
    <message>
        <source>已排座 {0} 人；本科目仍有 {1} 人未排座。</source>
        <translation>Seated {0}; {1} in this component still without a seat.</translation>
    </message>
    <message>
        <source>不符合申报条件、未排座 {0} 人：</source>
        <translation>{0} not seated (not eligible):</translation>
    </message>
    <message>
        <source>……另有 {0} 人</source>
        <translation>... and {0} more</translation>
    </message>
    <message>
        <source>保存准考证</source>
        <translation>Save admission tickets</translation>
    </message>
    <message>
        <source>准考证-{0}.pdf</source>
        <translation>admission-tickets-{0}.pdf</translation>
    </message>
    <message>
        <source>保存计划备案表</source>
        <translation>Save plan filing form</translation>
    </message>
    <message>
        <source>考核计划备案表.pdf</source>
        <translation>assessment-plan-filing.pdf</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>备份数据库…</source>
        <translation>Back up database…</translation>
    </message>
    <message>
        <source>评价机构信息</source>
        <translation>Evaluation body</translation>
    </message>
    <message>
        <source>机构名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>机构代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>名称含禁用字样时填写：登记证书编号及登记名称</source>
        <translation>Only if the name contains a banned word: registration certificate number and registered name</translation>
    </message>
    <message>
        <source>名称依据</source>
        <translation>Basis for the name</translation>
    </message>
    <message>
        <source>保存机构信息</source>
        <translation>Save body details</translation>
    </message>
    <message>
        <source>签名证书</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <source>更换签名密钥或修改口令由证书管理员在“签名密钥”页办理。</source>
        <translation>Replacing the signing key or changing its passphrase is done by the certificate officer on the &quot;Signing key&quot; page.</translation>
    </message>
    <message>
        <source>证书主题：{0}
指纹 (SHA-256)：{1}
有效期至：{2}</source>
        <translation>Subject: {0}
Fingerprint (SHA-256): {1}
Valid until: {2}</translation>
    </message>
    <message>
        <source>机构名称含禁用字样，已由质量督导员 {0} 于 {1} 确认（依据：{2}）</source>
        <translation>The body&apos;s name contains a banned word; confirmed by quality supervisor {0} on {1} (basis: {2})</translation>
    </message>
    <message>
        <source>机构名称含禁用字样，依据待质量督导员确认，确认前不能签发证书（依据：{0}）</source>
        <translation>The body&apos;s name contains a banned word; its basis awaits a quality supervisor&apos;s confirmation, and no certificate can be issued until then (basis: {0})</translation>
    </message>
    <message>
        <source>机构信息</source>
        <translation>Body details</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>备份到</source>
        <translation>Back up to</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>已备份到 {0}（{1} KB）。</source>
        <translation>Backed up to {0} ({1} KB).</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>考评 — 首次设置</source>
        <translation>Kaoping — first-run set-up</translation>
    </message>
    <message>
        <source>去登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>大写字母和数字，如 GXDT01</source>
        <translation>Capital letters and digits, e.g. GXDT01</translation>
    </message>
    <message>
        <source>名称含禁用字样时填写：登记证书编号及登记名称</source>
        <translation>If the name contains a banned word: registration certificate number and registered name</translation>
    </message>
    <message>
        <source>未选择（也可完成设置后在“业务范围”页登记）</source>
        <translation>None chosen (can be entered later on the Remit page)</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>留空则自动生成自签名证书</source>
        <translation>Leave empty to generate a self-signed certificate</translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation>System administrator</translation>
    </message>
    <message>
        <source>质量督导员</source>
        <translation>Quality supervisor</translation>
    </message>
    <message>
        <source>证书管理员</source>
        <translation>Certificate officer</translation>
    </message>
    <message>
        <source>{0}两次输入的密码不一致，请重新输入。</source>
        <translation>{0}: the two passwords differ; please type them again.</translation>
    </message>
    <message>
        <source>三位人员的用户名不能相同。</source>
        <translation>The three user names must differ.</translation>
    </message>
    <message>
        <source>两次输入的签名密钥口令不一致，请重新输入。</source>
        <translation>The two passphrases differ; please type them again.</translation>
    </message>
    <message>
        <source>签名密钥口令至少 {0} 个字符。</source>
        <translation>The passphrase needs at least {0} characters.</translation>
    </message>
    <message>
        <source>找不到 PKCS#12 文件：{0}</source>
        <translation>PKCS#12 file not found: {0}</translation>
    </message>
    <message>
        <source>导入 {0}</source>
        <translation>Imported from {0}</translation>
    </message>
    <message>
        <source>由程序生成自签名证书</source>
        <translation>Self-signed certificate made by the program</translation>
    </message>
    <message>
        <source>{0} 项，待质量督导员确认</source>
        <translation>{0} entries, awaiting the quality supervisor&apos;s confirmation</translation>
    </message>
    <message>
        <source>未填写（可稍后在“业务范围”页登记）</source>
        <translation>Not entered (can be entered later on the Remit page)</translation>
    </message>
    <message>
        <source>评价机构：{0}（{1}）
系统管理员：{2}（{3}）
质量督导员：{4}（{5}）
证书管理员：{6}（{7}）
签名证书：{8}
业务范围：{9}</source>
        <translation>Body: {0} ({1})
System administrator: {2} ({3})
Quality supervisor: {4} ({5})
Certificate officer: {6} ({7})
Signing certificate: {8}
Remit: {9}</translation>
    </message>
    <message>
        <source>已选 {0} 项，完成设置后须由质量督导员确认</source>
        <translation>{0} chosen; the quality supervisor confirms after set-up</translation>
    </message>
    <message>
        <source>选择 PKCS#12 文件</source>
        <translation>Choose a PKCS#12 file</translation>
    </message>
</context>
<context>
    <name>SiteSection</name>
    <message>
        <source>考点数据包</source>
        <translation>Exam-site packages</translation>
    </message>
    <message>
        <source>场次(&amp;S)</source>
        <translation>&amp;Session</translation>
    </message>
    <message>
        <source>本批次还没有场次</source>
        <translation>This batch has no sessions yet</translation>
    </message>
    <message>
        <source>导出考点下发数据包(&amp;X)…</source>
        <translation>E&amp;xport site package…</translation>
    </message>
    <message>
        <source>总部：把所选场次的名册、照片、考评人员账号和封存试卷签名导出给考点笔记本。</source>
        <translation>Head office: signs and exports the chosen session&apos;s roster, photos, examiner accounts and sealed papers for the site laptop.</translation>
    </message>
    <message>
        <source>导入考点回传数据包(&amp;M)…</source>
        <translation>I&amp;mport site results package…</translation>
    </message>
    <message>
        <source>总部：合并考点的签到、违纪和成绩记录；与总部不一致的记录只列出，不覆盖。</source>
        <translation>Head office: merges the site&apos;s check-ins, incidents and scores; records that differ from head office are listed, never overwritten.</translation>
    </message>
    <message>
        <source>导入考点下发数据包(&amp;I)…</source>
        <translation>&amp;Import site package…</translation>
    </message>
    <message>
        <source>考点笔记本：安装总部下发的场次，之后可离线签到、录入成绩、启封试卷。</source>
        <translation>Site laptop: installs the session sent by head office; check-in, score entry and paper opening then work offline.</translation>
    </message>
    <message>
        <source>导出考点回传数据包(&amp;O)…</source>
        <translation>Export site results &amp;package…</translation>
    </message>
    <message>
        <source>考点笔记本：把所选场次的签到、违纪和成绩记录签名导出，带回总部。</source>
        <translation>Site laptop: signs and exports the chosen session&apos;s check-ins, incidents and scores to take back to head office.</translation>
    </message>
    <message>
        <source>导入考点回传数据包或考点下发数据包后，结果显示在这里。</source>
        <translation>After importing a site package or a site results package, the outcome is shown here.</translation>
    </message>
    <message>
        <source>{0}&#x3000;{1} {2}&#x3000;{3}&#x3000;{4} 人</source>
        <translation>{0}   {1} {2}   {3}   {4} seated</translation>
    </message>
    <message>
        <source>请先选择场次。</source>
        <translation>Choose a session first.</translation>
    </message>
    <message>
        <source>导出考点下发数据包</source>
        <translation>Export site package</translation>
    </message>
    <message>
        <source>{0}_{1}_考点下发.zip</source>
        <translation>{0}_{1}_site_package.zip</translation>
    </message>
    <message>
        <source>导出考点回传数据包</source>
        <translation>Export site results package</translation>
    </message>
    <message>
        <source>{0}_{1}_考点回传.zip</source>
        <translation>{0}_{1}_site_results.zip</translation>
    </message>
    <message>
        <source>导入考点回传数据包</source>
        <translation>Import site results package</translation>
    </message>
    <message>
        <source>已合并批次 {0} 场次 {1} 的考点记录。</source>
        <translation>Merged the site records of batch {0}, session {1}.</translation>
    </message>
    <message>
        <source>{0} 条记录与总部不一致，已保留总部数据，详见“导入结果”。</source>
        <translation>{0} records differ from head office; head office data was kept, see &quot;Import results&quot;.</translation>
    </message>
    <message>
        <source>批次 {0} 场次 {1}：考勤新增 {2}、相同 {3}；违纪新增 {4}、相同 {5}；成绩记录新增 {6}、相同 {7}。</source>
        <translation>Batch {0}, session {1}: attendance {2} new, {3} same; incidents {4} new, {5} same; score entries {6} new, {7} same.</translation>
    </message>
    <message>
        <source>
以下 {0} 条记录与总部不一致，已保留总部数据，未覆盖：</source>
        <translation>
These {0} records differ from head office; head office data was kept, nothing overwritten:</translation>
    </message>
    <message>
        <source>
没有与总部不一致的记录。</source>
        <translation>
No record differs from head office.</translation>
    </message>
    <message>
        <source>导入考点下发数据包</source>
        <translation>Import site package</translation>
    </message>
    <message>
        <source>已安装批次 {0} 的场次 {1}：考生 {2} 人，照片 {3} 张，考评人员账号 {4} 个。</source>
        <translation>Installed session {1} of batch {0}: {2} candidates, {3} photos, {4} examiner accounts.</translation>
    </message>
    <message>
        <source>封存试卷 {0}：开考前由两位启封人在“试卷启封”页启封。</source>
        <translation>Sealed paper {0}: two openers open it on the &quot;Open papers&quot; page before the exam starts.</translation>
    </message>
    <message>
        <source>本机已有账号 {0}，未覆盖</source>
        <translation>Account {0} already exists on this computer; not overwritten</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>安排考评人员：{0}</source>
        <translation>Assign staff: {0}</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>登记职责</source>
        <translation>Registered duties</translation>
    </message>
    <message>
        <source>资格</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <source>本场次职责</source>
        <translation>Duty in this session</translation>
    </message>
    <message>
        <source>不安排</source>
        <translation>Not assigned</translation>
    </message>
</context>
<context>
    <name>StockDialog</name>
    <message>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>证书纸</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>重打原因</source>
        <translation>Reprint reason</translation>
    </message>
    <message>
        <source>首次</source>
        <translation>First</translation>
    </message>
    <message>
        <source>重打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>套打证书</source>
        <translation>Print certificates on stock</translation>
    </message>
    <message>
        <source>打印(&amp;1)</source>
        <translation>Print (&amp;1)</translation>
    </message>
    <message>
        <source>版式(&amp;2)</source>
        <translation>Layout (&amp;2)</translation>
    </message>
    <message>
        <source>打印机校准(&amp;3)</source>
        <translation>Printer calibration (&amp;3)</translation>
    </message>
    <message>
        <source>打印记录(&amp;4)</source>
        <translation>Print log (&amp;4)</translation>
    </message>
    <message>
        <source>（未选择证书）</source>
        <translation>(no certificate chosen)</translation>
    </message>
    <message>
        <source>所选证书：{0}</source>
        <translation>Chosen certificates: {0}</translation>
    </message>
    <message>
        <source>证书纸版式(&amp;L)</source>
        <translation>Stock &amp;layout</translation>
    </message>
    <message>
        <source>只打印证书上的数据（姓名、编号、照片、二维码等），边框、标题和印章已印在证书纸上。打印时按所选打印机的校准值修正位置；请在打印对话框中选择“实际大小”。已签名的证书 PDF 始终是正式记录。</source>
        <translation>Only the certificate&apos;s data is printed (name, number, photo, QR code and so on): the frame, title and seal are already on the stock. Positions are corrected with the chosen printer&apos;s calibration; choose &quot;Actual size&quot; in the print dialog. The signed certificate PDF always remains the record.</translation>
    </message>
    <message>
        <source>打印到证书纸(&amp;P)…</source>
        <translation>&amp;Print on stock…</translation>
    </message>
    <message>
        <source>存为 PDF 预览(&amp;V)…</source>
        <translation>Save as PDF pre&amp;view…</translation>
    </message>
    <message>
        <source>证书 {0} 已打印过，重打须填写原因（如：卡纸、套印偏移、污损）：</source>
        <translation>Certificate {0} was printed before; a reprint needs a reason (e.g. paper jam, misaligned print, soiled):</translation>
    </message>
    <message>
        <source>套打</source>
        <translation>Stock printing</translation>
    </message>
    <message>
        <source>请先在“版式”中保存一个证书纸版式</source>
        <translation>Save a stock layout under &quot;Layout&quot; first</translation>
    </message>
    <message>
        <source>已送出 {0} 张套打证书。</source>
        <translation>{0} certificate(s) sent for printing on stock.</translation>
    </message>
    <message>
        <source>该打印机尚未校准，位置按版式原样打印；可在“打印机校准”中校准。</source>
        <translation>This printer is not calibrated, so positions were printed as laid out; calibrate it under &quot;Printer calibration&quot;.</translation>
    </message>
    <message>
        <source>存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>版式</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>名称(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>纸宽</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <source>纸高</source>
        <translation>Paper height</translation>
    </message>
    <message>
        <source>新建(&amp;E)</source>
        <translation>N&amp;ew</translation>
    </message>
    <message>
        <source>保存版式(&amp;A)</source>
        <translation>S&amp;ave layout</translation>
    </message>
    <message>
        <source>选择扫描图(&amp;C)…</source>
        <translation>Choose s&amp;can…</translation>
    </message>
    <message>
        <source>去掉扫描图</source>
        <translation>Remove scan</translation>
    </message>
    <message>
        <source>导入(&amp;I)…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>导出(&amp;O)…</source>
        <translation>Exp&amp;ort…</translation>
    </message>
    <message>
        <source>方向键移动所选字段 0.5 毫米，Shift+方向键 0.1 毫米</source>
        <translation>Arrow keys move the chosen field 0.5 mm, Shift+arrow keys 0.1 mm</translation>
    </message>
    <message>
        <source> 毫米</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>套打版式</source>
        <translation>Stock layout</translation>
    </message>
    <message>
        <source>已保存版式“{0}”</source>
        <translation>Layout &quot;{0}&quot; saved</translation>
    </message>
    <message>
        <source>选择空白证书纸的扫描图</source>
        <translation>Choose a scan of the blank stock</translation>
    </message>
    <message>
        <source>图片 (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>扫描图超过 20 MB，请用 150 dpi 左右重新扫描</source>
        <translation>The scan is over 20 MB; scan again at about 150 dpi</translation>
    </message>
    <message>
        <source>导入套打版式</source>
        <translation>Import stock layout</translation>
    </message>
    <message>
        <source>版式文件 (*.json)</source>
        <translation>Layout files (*.json)</translation>
    </message>
    <message>
        <source>版式文件超过 256 KB，不是套打版式文件</source>
        <translation>The file is over 256 KB: it is not a stock layout file</translation>
    </message>
    <message>
        <source>请先保存版式再导出</source>
        <translation>Save the layout before exporting it</translation>
    </message>
    <message>
        <source>导出套打版式</source>
        <translation>Export stock layout</translation>
    </message>
    <message>
        <source>证书编号(&amp;F)</source>
        <translation>Certificate no. (&amp;F)</translation>
    </message>
    <message>
        <source>留空显示全部</source>
        <translation>Leave empty to show all</translation>
    </message>
    <message>
        <source>整张证书（普通纸）</source>
        <translation>Full certificate (plain paper)</translation>
    </message>
</context>
<context>
    <name>StockEditor</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <source>职业方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>发证日期</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>评价机构</source>
        <translation>Evaluation body</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>二维码</source>
        <translation>QR code</translation>
    </message>
    <message>
        <source> 毫米</source>
        <translation> mm</translation>
    </message>
    <message>
        <source> 磅</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>左边距(&amp;X)</source>
        <translation>Left (&amp;X)</translation>
    </message>
    <message>
        <source>上边距(&amp;Y)</source>
        <translation>Top (&amp;Y)</translation>
    </message>
    <message>
        <source>宽(&amp;W)</source>
        <translation>&amp;Width</translation>
    </message>
    <message>
        <source>高(&amp;H)</source>
        <translation>&amp;Height</translation>
    </message>
    <message>
        <source>字号(&amp;Z)</source>
        <translation>Font si&amp;ze</translation>
    </message>
    <message>
        <source>显示扫描图(&amp;S)</source>
        <translation>&amp;Show scan</translation>
    </message>
</context>
<context>
    <name>StockPrinting</name>
    <message>
        <source>套打证书</source>
        <translation>Print certificates on stock</translation>
    </message>
    <message>
        <source>打印机无法开始打印，请检查打印机是否可用</source>
        <translation>The printer could not start printing; check that it is available</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>第 4 步：确认并完成设置</source>
        <translation>Step 4: check and finish</translation>
    </message>
    <message>
        <source>请核对以下内容；按“完成设置”后，机构、三个账号和签名密钥一次建立。</source>
        <translation>Check the following; &quot;Finish set-up&quot; creates the body, the three accounts and the signing key in one go.</translation>
    </message>
    <message>
        <source>完成设置</source>
        <translation>Finish set-up</translation>
    </message>
</context>
<context>
    <name>TableHelpers</name>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{0}（{1}/{2}）</source>
        <translation>{0} ({1}/{2})</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>设置角色</source>
        <translation>Set roles</translation>
    </message>
    <message>
        <source>新增用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation>Failed sign-ins</translation>
    </message>
    <message>
        <source>锁定至</source>
        <translation>Locked until</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>申请的角色</source>
        <translation>Roles requested</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>申请时间</source>
        <translation>Requested at</translation>
    </message>
    <message>
        <source>用户与角色</source>
        <translation>Users and roles</translation>
    </message>
    <message>
        <source>待确认的角色授予（由质量督导员或另一位系统管理员确认）</source>
        <translation>Grants of roles awaiting confirmation (by the quality supervisor or another system administrator)</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>新增用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>设置角色</source>
        <translation>Set roles</translation>
    </message>
    <message>
        <source>停用/启用</source>
        <translation>Disable / enable</translation>
    </message>
    <message>
        <source>解除锁定</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>启用</source>
        <comment>account state</comment>
        <translation>Active</translation>
    </message>
    <message>
        <source>停用</source>
        <comment>account state</comment>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>角色授予</source>
        <translation>Grant of roles</translation>
    </message>
    <message>
        <source>请先在待确认列表中选择一项。</source>
        <translation>Select a grant in the list awaiting confirmation first.</translation>
    </message>
    <message>
        <source>确认角色授予</source>
        <translation>Confirm grant of roles</translation>
    </message>
    <message>
        <source>确认授予 {0} 以下角色：{1}？确认后立即生效。</source>
        <translation>Grant {0} these roles: {1}? They take effect at once.</translation>
    </message>
    <message>
        <source>拒绝角色授予</source>
        <translation>Reject grant of roles</translation>
    </message>
    <message>
        <source>拒绝原因（可留空）：</source>
        <translation>Reason for rejecting (optional):</translation>
    </message>
    <message>
        <source>新增的角色须经质量督导员或另一位系统管理员确认后才生效。</source>
        <translation>Added roles take effect only after the quality supervisor or another system administrator confirms them.</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>请先在列表中选择一个用户。</source>
        <translation>Select a user in the list first.</translation>
    </message>
    <message>
        <source>确定要{0}用户 {1} 吗？</source>
        <translation>{0} user {1}?</translation>
    </message>
    <message>
        <source>用户 {0} 的新密码：</source>
        <translation>New password for {0}:</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>核验证书的电子签名、二维码、证书内容是否一致，以及是否已被撤销。撤销状态只认签发机构的数据库（本机）或未过期的吊销列表；两者都没有时，结论为“签名有效，撤销状态未知”。</source>
        <translation>Checks a certificate&apos;s digital signature, its QR code, whether they agree with the printed content, and whether it was revoked. Revocation status comes only from the issuing body&apos;s database (this computer) or from a revocation list that has not expired; without either, the answer is &quot;signature valid, revocation status unknown&quot;.</translation>
    </message>
    <message>
        <source>选择证书 PDF(&amp;F)…</source>
        <translation>Choose certificate PDF (&amp;F)…</translation>
    </message>
    <message>
        <source>选择二维码照片(&amp;Q)…</source>
        <translation>Choose &amp;QR code photo…</translation>
    </message>
    <message>
        <source>使用吊销列表文件…</source>
        <translation>Use revocation list file…</translation>
    </message>
    <message>
        <source>撤销记录：本机数据库</source>
        <translation>Revocations: this computer&apos;s database</translation>
    </message>
    <message>
        <source>证书编号</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>按编号和姓名查询(&amp;L)</source>
        <translation>&amp;Look up by number and name</translation>
    </message>
    <message>
        <source>按编号查询不显示证书页面</source>
        <translation>A look-up by number shows no certificate page</translation>
    </message>
    <message>
        <source>选择证书 PDF</source>
        <translation>Choose certificate PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>选择二维码照片或扫描件</source>
        <translation>Choose QR code photo or scan</translation>
    </message>
    <message>
        <source>图片 (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <source>选择吊销列表文件</source>
        <translation>Choose revocation list file</translation>
    </message>
    <message>
        <source>吊销列表 (*.json)</source>
        <translation>Revocation list (*.json)</translation>
    </message>
    <message>
        <source>撤销记录：{0}</source>
        <translation>Revocations: {0}</translation>
    </message>
    <message>
        <source>无法读取文件：{0}</source>
        <translation>Cannot read the file: {0}</translation>
    </message>
    <message>
        <source>无法显示该文件</source>
        <translation>Cannot display this file</translation>
    </message>
    <message>
        <source>二维码核验不显示证书页面</source>
        <translation>QR verification shows no certificate page</translation>
    </message>
    <message>
        <source>证件号码后四位：{0}</source>
        <translation>ID number ends in: {0}</translation>
    </message>
    <message>
        <source>姓名：{0}</source>
        <translation>Name: {0}</translation>
    </message>
    <message>
        <source>证书编号：{0}&#x3000;{1}&#x3000;职业编码：{2}&#x3000;等级：{3}&#x3000;发证日期：{4}&#x3000;机构代码：{5}</source>
        <translation>Certificate number: {0}   {1}   Occupation code: {2}   Level: {3}   Issued: {4}   Body code: {5}</translation>
    </message>
    <message>
        <source>&#x3000;撤销状态来源：{0}</source>
        <translation>   Revocation status from: {0}</translation>
    </message>
    <message>
        <source>撤销状态未知：{0}</source>
        <translation>Revocation status unknown: {0}</translation>
    </message>
    <message>
        <source>签名、二维码、内容与撤销状态均核验通过</source>
        <translation>Signature, QR code, content and revocation status all verified</translation>
    </message>
</context>
</TS>
