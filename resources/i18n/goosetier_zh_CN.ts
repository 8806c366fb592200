<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Registry</source>
        <translation>台账(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>最近打开的文件</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>&amp;Import roster…</source>
        <translation>导入名单(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;history…</source>
        <translation>导入记录(&amp;H)…</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>Print &amp;roster of the current list…</source>
        <translation>打印当前列表的名单(&amp;R)…</translation>
    </message>
    <message>
        <source>Export summary as &amp;PDF…</source>
        <translation>导出汇总表为 &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;New enterprise…</source>
        <translation>新建企业(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Delete enterprise</source>
        <translation>删除企业(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Add &amp;designation…</source>
        <translation>添加称号(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表板(&amp;D)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Plans and &amp;targets…</source>
        <translation>规划与目标(&amp;T)…</translation>
    </message>
    <message>
        <source>Load the &amp;sample roster</source>
        <translation>载入示例名单(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Search syntax</source>
        <translation>搜索语法(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About GooseTier</source>
        <translation>关于 GooseTier(&amp;A)</translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import again</source>
        <translation>重新导入</translation>
    </message>
    <message>
        <source>Save the rejected rows…</source>
        <translation>导出被拒行…</translation>
    </message>
    <message>
        <source>Undo this import</source>
        <translation>撤销本次导入</translation>
    </message>
    <message>
        <source>The import was cancelled. Nothing was written.</source>
        <translation>导入已取消，未写入任何数据。</translation>
    </message>
    <message>
        <source>Writing to the registry (one transaction; a backup copy is made first)…</source>
        <translation>正在写入台账（单一事务，写入前先备份）…</translation>
    </message>
    <message>
        <source>Import #{batch} done.</source>
        <translation>第 {batch} 次导入已完成。</translation>
    </message>
    <message>
        <source>New enterprises: {n}</source>
        <translation>新增企业：{n} 家</translation>
    </message>
    <message>
        <source>Updated: {n}</source>
        <translation>更新：{n} 家</translation>
    </message>
    <message>
        <source>Unchanged: {n}</source>
        <translation>无变化：{n} 家</translation>
    </message>
    <message>
        <source>Rejected: {n}</source>
        <translation>被拒：{n} 行</translation>
    </message>
    <message>
        <source>Left for later (not confirmed): {n}</source>
        <translation>暂缓（未确认）：{n} 行</translation>
    </message>
    <message>
        <source>Designations added: {n}</source>
        <translation>新增称号：{n} 条</translation>
    </message>
    <message>
        <source>Backup made before writing: {path}</source>
        <translation>写入前已备份：{path}</translation>
    </message>
    <message>
        <source>Save the rejected rows</source>
        <translation>导出被拒行</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Undo anyway?</source>
        <translation>仍要撤销吗？</translation>
    </message>
    <message>
        <source>Import #{batch} was undone.</source>
        <translation>第 {batch} 次导入已撤销。</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Enterprise added</source>
        <translation>新增企业</translation>
    </message>
    <message>
        <source>Enterprise edited</source>
        <translation>修改企业</translation>
    </message>
    <message>
        <source>Enterprise deleted</source>
        <translation>删除企业</translation>
    </message>
    <message>
        <source>Enterprise restored (undo)</source>
        <translation>恢复企业（撤销删除）</translation>
    </message>
    <message>
        <source>Designation added</source>
        <translation>新增认定</translation>
    </message>
    <message>
        <source>Designation edited</source>
        <translation>修改认定</translation>
    </message>
    <message>
        <source>Designation revoked</source>
        <translation>撤销认定资格</translation>
    </message>
    <message>
        <source>Designation deleted</source>
        <translation>删除认定</translation>
    </message>
    <message>
        <source>Designation restored (undo)</source>
        <translation>恢复认定（撤销删除）</translation>
    </message>
    <message>
        <source>Yearly figures edited</source>
        <translation>修改年度数据</translation>
    </message>
    <message>
        <source>Roster imported</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <source>Import undone</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Plan period edited</source>
        <translation>修改规划期</translation>
    </message>
    <message>
        <source>Plan period added</source>
        <translation>新增规划期</translation>
    </message>
    <message>
        <source>Plan period deleted</source>
        <translation>删除规划期</translation>
    </message>
    <message>
        <source>Plan period restored (undo)</source>
        <translation>恢复规划期（撤销删除）</translation>
    </message>
    <message>
        <source>Target added</source>
        <translation>新增目标</translation>
    </message>
    <message>
        <source>Target edited</source>
        <translation>修改目标</translation>
    </message>
    <message>
        <source>Target removed</source>
        <translation>删除目标</translation>
    </message>
    <message>
        <source>Target restored (undo)</source>
        <translation>恢复目标（撤销删除）</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>Registry moved to the server</source>
        <translation>台账迁移到服务器</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Designation</source>
        <translation>认定</translation>
    </message>
    <message>
        <source>Yearly figures</source>
        <translation>年度数据</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入批次</translation>
    </message>
    <message>
        <source>Plan period</source>
        <translation>规划期</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>OS user</source>
        <translation>操作系统用户</translation>
    </message>
    <message>
        <source>Database user</source>
        <translation>数据库用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>program</source>
        <translation>认定类别</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>overwrote version {version} by {who}</source>
        <translation>覆盖了 {who} 保存的第 {version} 版</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>From</source>
        <translation>日期从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>enterprise, field, value, file…</source>
        <translation>企业、字段、内容、文件名…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>{total} entries, newest first</source>
        <translation>共 {total} 条记录，最新的在前</translation>
    </message>
</context>
<context>
    <name>ClusterChart</name>
    <message>
        <source>Enterprises per cluster and tier, end of {year}</source>
        <translation>各产业集群梯度企业数（截至{year}年底）</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Plan</source>
        <translation>规划期</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Trend of</source>
        <translation>趋势指标</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>保存图表为 PNG</translation>
    </message>
    <message>
        <source>Progress chart…</source>
        <translation>完成进度图…</translation>
    </message>
    <message>
        <source>Trend chart…</source>
        <translation>趋势图…</translation>
    </message>
    <message>
        <source>Cluster chart…</source>
        <translation>产业集群图…</translation>
    </message>
    <message>
        <source>Designations expiring in the next 6 months</source>
        <translation>6个月内到期的称号</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>称号</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>{name}: {start}–{end}</source>
        <translation>{name}：{start}–{end}年</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>DesignationDialog</name>
    <message>
        <source>Edit designation</source>
        <translation>编辑称号</translation>
    </message>
    <message>
        <source>Add designation</source>
        <translation>添加称号</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>e.g. 第六批</source>
        <translation>如：第六批</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新认定</translation>
    </message>
    <message>
        <source>review passed</source>
        <translation>复核通过</translation>
    </message>
    <message>
        <source>national</source>
        <translation>国家级</translation>
    </message>
    <message>
        <source>provincial</source>
        <translation>省级</translation>
    </message>
    <message>
        <source>city</source>
        <translation>市级</translation>
    </message>
    <message>
        <source>district</source>
        <translation>区级</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>称号</translation>
    </message>
    <message>
        <source>Year granted</source>
        <translation>认定年份</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Certificate no.</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Without dates a designation granted in year G counts at the ends of G … G+V−1 (V = the program&apos;s validity).</source>
        <translation>未填日期时，G 年认定的称号计入 G … G+V−1 各年年底（V 为该称号的有效年限）。</translation>
    </message>
    <message>
        <source>A date cannot be read; write it as 2024-09-06.</source>
        <translation>日期无法识别，请按 2024-09-06 的格式填写。</translation>
    </message>
    <message>
        <source>Give the year granted or the date it is valid from.</source>
        <translation>请填写认定年份或有效期起始日期。</translation>
    </message>
    <message>
        <source>“Valid until” comes before “valid from”.</source>
        <translation>“有效期至”早于“有效期起”。</translation>
    </message>
</context>
<context>
    <name>DesignationList</name>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>expiring soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>due for review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <source>renewed</source>
        <translation>已续期</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>no year or date</source>
        <translation>无年份或日期</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新认定</translation>
    </message>
    <message>
        <source>review passed</source>
        <translation>复核通过</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>称号</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>Details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Designations</source>
        <translation>称号</translation>
    </message>
    <message>
        <source>Yearly figures</source>
        <translation>年度数据</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤销称号</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Add or edit a year…</source>
        <translation>添加或编辑年度数据…</translation>
    </message>
    <message>
        <source>Delete year</source>
        <translation>删除该年度</translation>
    </message>
    <message>
        <source>Delete the figures of {year}? Ctrl+Z brings them back.</source>
        <translation>删除{year}年度数据？可按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Revenue (10k yuan)</source>
        <translation>营业收入（万元）</translation>
    </message>
    <message>
        <source>Output (10k yuan)</source>
        <translation>工业总产值（万元）</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>员工人数</translation>
    </message>
    <message>
        <source>Former names</source>
        <translation>曾用名</translation>
    </message>
    <message>
        <source>Imports that touched this enterprise</source>
        <translation>涉及本企业的导入</translation>
    </message>
    <message>
        <source>Select an enterprise in the table.</source>
        <translation>请在表格中选择一家企业。</translation>
    </message>
    <message>
        <source>no credit code</source>
        <translation>无统一社会信用代码</translation>
    </message>
    <message>
        <source> (check character doubtful)</source>
        <translation>（校验位存疑）</translation>
    </message>
    <message>
        <source> (until {date})</source>
        <translation>（使用至 {date}）</translation>
    </message>
    <message>
        <source>  (undone)</source>
        <translation>  （已撤销）</translation>
    </message>
    <message>
        <source>“{field}” cannot be read.</source>
        <translation>“{field}”无法识别。</translation>
    </message>
    <message>
        <source>Delete designation</source>
        <translation>删除称号</translation>
    </message>
    <message>
        <source>Delete this designation record? (Revoke keeps it in the history.)</source>
        <translation>删除这条称号记录吗？（“撤销称号”会保留在历史中。）</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <source>Edit enterprise</source>
        <translation>编辑企业</translation>
    </message>
    <message>
        <source>Add enterprise</source>
        <translation>新增企业</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n enterprise(s)</source>
        <translation>
            <numerusform>删除 %n 家企业</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit yearly figures</source>
        <translation>编辑年度数据</translation>
    </message>
    <message>
        <source>Add designation</source>
        <translation>添加称号</translation>
    </message>
    <message>
        <source>Edit designation</source>
        <translation>编辑称号</translation>
    </message>
    <message>
        <source>Revoke designation</source>
        <translation>撤销称号</translation>
    </message>
    <message>
        <source>Delete designation</source>
        <translation>删除称号</translation>
    </message>
    <message>
        <source>Edit target</source>
        <translation>编辑目标</translation>
    </message>
    <message>
        <source>Edit plan period</source>
        <translation>编辑规划期</translation>
    </message>
    <message>
        <source>Add plan period</source>
        <translation>新增规划期</translation>
    </message>
    <message>
        <source>Add target</source>
        <translation>新增指标</translation>
    </message>
    <message>
        <source>Remove target</source>
        <translation>移除指标</translation>
    </message>
    <message>
        <source>Change settings</source>
        <translation>修改设置</translation>
    </message>
</context>
<context>
    <name>EnterpriseDialog</name>
    <message>
        <source>New enterprise</source>
        <translation>新建企业</translation>
    </message>
    <message>
        <source>“{field}” cannot be read.</source>
        <translation>“{field}”无法识别。</translation>
    </message>
    <message>
        <source>The enterprise name may not be empty.</source>
        <translation>企业名称不能为空。</translation>
    </message>
    <message>
        <source>The credit code must be 18 digits or capital letters (no I, O, Z, S or V).</source>
        <translation>统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）。</translation>
    </message>
</context>
<context>
    <name>EnterpriseForm</name>
    <message>
        <source>Name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>产业集群</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>所属街道</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>所属园区</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区市</translation>
    </message>
    <message>
        <source>Industry code</source>
        <translation>行业代码</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Registered capital (10k yuan)</source>
        <translation>注册资本（万元）</translation>
    </message>
    <message>
        <source>Founded (YYYY-MM-DD)</source>
        <translation>成立日期（年-月-日）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>注册地址</translation>
    </message>
    <message>
        <source>Listed</source>
        <translation>已上市</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>上市地点</translation>
    </message>
    <message>
        <source>Year listed</source>
        <translation>上市年份</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>EnterpriseTableModel</name>
    <message>
        <source>Enterprise</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Valid designations</source>
        <translation>有效称号</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>产业集群</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>所属街道</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>所属园区</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Revenue (10k yuan)</source>
        <translation>营业收入（万元）</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Founded</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>Registered capital (10k yuan)</source>
        <translation>注册资本（万元）</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>最后修改</translation>
    </message>
</context>
<context>
    <name>EnterpriseView</name>
    <message>
        <source>unknown field “{field}”</source>
        <translation>未知字段“{field}”</translation>
    </message>
    <message>
        <source>“{field}:” needs a value</source>
        <translation>“{field}:”后需要填写值</translation>
    </message>
    <message>
        <source>“{value}” is not a year</source>
        <translation>“{value}”不是年份</translation>
    </message>
    <message>
        <source>no tier or program called “{value}”</source>
        <translation>没有名为“{value}”的梯度或称号</translation>
    </message>
    <message>
        <source>no program called “{value}”</source>
        <translation>没有名为“{value}”的称号</translation>
    </message>
    <message>
        <source>valid: takes yes, no or any, not “{value}”</source>
        <translation>valid: 只能取 yes、no 或 any，而不是“{value}”</translation>
    </message>
    <message>
        <source>a quote is not closed</source>
        <translation>引号未闭合</translation>
    </message>
    <message>
        <source>Search name, credit code or contact — or tier:小巨人 cluster:芯屏 year:2024 …</source>
        <translation>搜索企业名称、信用代码或联系人——或 tier:小巨人 cluster:芯屏 year:2024 …</translation>
    </message>
    <message>
        <source>&lt;b&gt;Search&lt;/b&gt;&lt;br&gt;Plain words match the name, credit code or contact; all must match.&lt;br&gt;&lt;br&gt;&lt;b&gt;Fields&lt;/b&gt; (English or Chinese names):&lt;br&gt;&lt;tt&gt;tier:专精特新&lt;/tt&gt; / &lt;tt&gt;tier:小巨人&lt;/tt&gt; — a tier or a program&lt;br&gt;&lt;tt&gt;program:high_tech,gazelle&lt;/tt&gt; — any of several programs&lt;br&gt;&lt;tt&gt;cluster:芯屏&lt;/tt&gt; — industry cluster&lt;br&gt;&lt;tt&gt;street:灵珠山&lt;/tt&gt; — street or park&lt;br&gt;&lt;tt&gt;year:2024&lt;/tt&gt; — judge designations at the end of this year&lt;br&gt;&lt;tt&gt;valid:yes&lt;/tt&gt; / &lt;tt&gt;valid:no&lt;/tt&gt; / &lt;tt&gt;valid:any&lt;/tt&gt;&lt;br&gt;&lt;tt&gt;code:missing&lt;/tt&gt; / &lt;tt&gt;code:warning&lt;/tt&gt; / &lt;tt&gt;code:9137&lt;/tt&gt;&lt;br&gt;&lt;tt&gt;name:&quot;青岛 海容&quot;&lt;/tt&gt; — quotes keep spaces&lt;br&gt;A leading &lt;tt&gt;-&lt;/tt&gt; excludes: &lt;tt&gt;-program:listed&lt;/tt&gt;</source>
        <translation>&lt;b&gt;搜索&lt;/b&gt;&lt;br&gt;普通文字匹配企业名称、信用代码或联系人，多个词须同时匹配。&lt;br&gt;&lt;br&gt;&lt;b&gt;字段&lt;/b&gt;（可用英文或中文字段名）：&lt;br&gt;&lt;tt&gt;tier:专精特新&lt;/tt&gt; / &lt;tt&gt;梯度:小巨人&lt;/tt&gt; —— 梯度或称号&lt;br&gt;&lt;tt&gt;program:high_tech,gazelle&lt;/tt&gt; —— 任一称号（逗号分隔）&lt;br&gt;&lt;tt&gt;cluster:芯屏&lt;/tt&gt; / &lt;tt&gt;产业:芯屏&lt;/tt&gt; —— 产业集群&lt;br&gt;&lt;tt&gt;street:灵珠山&lt;/tt&gt; / &lt;tt&gt;街道:灵珠山&lt;/tt&gt; —— 街道或园区&lt;br&gt;&lt;tt&gt;year:2024&lt;/tt&gt; / &lt;tt&gt;年份:2024&lt;/tt&gt; —— 按该年年底判断称号是否有效&lt;br&gt;&lt;tt&gt;valid:yes&lt;/tt&gt; / &lt;tt&gt;valid:no&lt;/tt&gt; / &lt;tt&gt;valid:any&lt;/tt&gt;（有效/已过期/不限）&lt;br&gt;&lt;tt&gt;code:missing&lt;/tt&gt; / &lt;tt&gt;code:warning&lt;/tt&gt; / &lt;tt&gt;code:9137&lt;/tt&gt;（缺少/校验存疑/代码片段）&lt;br&gt;&lt;tt&gt;name:&quot;青岛 海容&quot;&lt;/tt&gt; —— 引号内可含空格&lt;br&gt;前加 &lt;tt&gt;-&lt;/tt&gt; 表示排除：&lt;tt&gt;-program:listed&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>Ignored in the search: {terms}</source>
        <translation>搜索中已忽略：{terms}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>This record has been changed by someone else since you opened it. Reload it to see the current values, then make your change again.</source>
        <translation>该记录已被他人修改（在您打开之后）。请重新载入查看当前内容，再重新修改。</translation>
    </message>
    <message>
        <source>The enterprise name may not be empty.</source>
        <translation>企业名称不能为空。</translation>
    </message>
    <message>
        <source>The credit code “{code}” is malformed: 18 digits or capital letters (no I, O, Z, S or V).</source>
        <translation>统一社会信用代码“{code}”格式错误：应为18位数字或大写字母（不含 I、O、Z、S、V）。</translation>
    </message>
    <message>
        <source>The credit code “{code}” already belongs to “{name}”.</source>
        <translation>统一社会信用代码“{code}”已属于“{name}”。</translation>
    </message>
    <message>
        <source>The record no longer exists (someone may have deleted it).</source>
        <translation>该记录已不存在（可能已被他人删除）。</translation>
    </message>
    <message>
        <source>A plan period named “{name}” already exists.</source>
        <translation>已有名为“{name}”的规划期。</translation>
    </message>
    <message>
        <source>The target year must come after the baseline year.</source>
        <translation>目标年份必须晚于基期年份。</translation>
    </message>
    <message>
        <source>This plan already has a target for that indicator.</source>
        <translation>该规划期已有这一指标的目标。</translation>
    </message>
    <message>
        <source>Record changed by someone else</source>
        <translation>该记录已被他人修改</translation>
    </message>
    <message>
        <source>GooseTier</source>
        <translation>雁阵梯度培育台账</translation>
    </message>
    <message>
        <source>Sorry, something went wrong that GooseTier did not expect: {error}.</source>
        <translation>抱歉，程序发生了意外错误：{error}。</translation>
    </message>
    <message>
        <source>The details were written to {path}.</source>
        <translation>详细信息已记录到 {path}。</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>FigureDialog</name>
    <message>
        <source>Yearly figures</source>
        <translation>年度数据</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Revenue (10k yuan)</source>
        <translation>营业收入（万元）</translation>
    </message>
    <message>
        <source>Output (10k yuan)</source>
        <translation>工业总产值（万元）</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>员工人数</translation>
    </message>
    <message>
        <source>Write plain numbers, e.g. 125000.</source>
        <translation>请填写数字，如 125000。</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Import history</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>New / updated / rejected</source>
        <translation>新增 / 更新 / 被拒</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>撤销时间</translation>
    </message>
    <message>
        <source>Undo the selected import</source>
        <translation>撤销选中的导入</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Undo import #{batch}? Enterprises it created are removed and the values it changed are put back.</source>
        <translation>撤销第 {batch} 次导入吗？该次导入新增的企业将被删除，修改过的数据将恢复原值。</translation>
    </message>
    <message>
        <source>Undo anyway?</source>
        <translation>仍要撤销吗？</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Changes (old → new)</source>
        <translation>变化（原值 → 新值）</translation>
    </message>
    <message>
        <source>New designations</source>
        <translation>新增称号</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>被拒</translation>
    </message>
    <message>
        <source>needs review</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import roster — {name}</source>
        <translation>导入名单 — {name}</translation>
    </message>
    <message>
        <source>The step failed; see the message.</source>
        <translation>此步骤失败，请查看提示信息。</translation>
    </message>
</context>
<context>
    <name>KindDelegate</name>
    <message>
        <source>stock</source>
        <translation>存量</translation>
    </message>
    <message>
        <source>yearly flow</source>
        <translation>年度新增</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Registry</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表板</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <source>Who changed what, and when</source>
        <translation>谁在何时修改了什么</translation>
    </message>
    <message>
        <source>{shown} of {total} enterprises shown</source>
        <translation>显示 {shown} 家 / 共 {total} 家企业</translation>
    </message>
    <message>
        <source>Registry: {path}</source>
        <translation>台账：{path}</translation>
    </message>
    <message>
        <source>Record changed by someone else</source>
        <translation>该记录已被他人修改</translation>
    </message>
    <message>
        <source>This record has been changed by someone else; your change was not saved.</source>
        <translation>该记录已被他人修改，您的修改未保存。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Overwrite with my values</source>
        <translation>用我的修改覆盖</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Import roster</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <source>Rosters ({patterns});;All files (*)</source>
        <translation>名单文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>The import wizard is not available in this build.</source>
        <translation>此版本未包含导入向导。</translation>
    </message>
    <message>
        <source>Delete enterprises</source>
        <translation>删除企业</translation>
    </message>
    <message>
        <source>Delete {count} enterprise(s) with all their designations and figures?
{names}{more}

You can undo this with Ctrl+Z.</source>
        <translation>删除这 {count} 家企业及其全部称号和年度数据吗？
{names}{more}

可按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The new registry location takes effect when GooseTier starts next time.</source>
        <translation>新的台账位置将在下次启动时生效。</translation>
    </message>
    <message>
        <source>Empty registry</source>
        <translation>台账为空</translation>
    </message>
    <message>
        <source>The registry has no enterprises yet. Load the sample roster to look around, or import a roster file?</source>
        <translation>台账中还没有企业。要载入示例名单先看看，还是导入名单文件？</translation>
    </message>
    <message>
        <source>Load the sample roster</source>
        <translation>载入示例名单</translation>
    </message>
    <message>
        <source>Import a file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Sample roster</source>
        <translation>示例名单</translation>
    </message>
    <message>
        <source>The sample roster is not part of this build; import a roster file instead (File → Import roster…).</source>
        <translation>此版本未包含示例名单，请导入名单文件（文件 → 导入名单…）。</translation>
    </message>
    <message>
        <source>Sample roster loaded.</source>
        <translation>示例名单已载入。</translation>
    </message>
    <message>
        <source>Search syntax</source>
        <translation>搜索语法</translation>
    </message>
    <message>
        <source>About GooseTier</source>
        <translation>关于 GooseTier</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; GooseTier {version}&lt;br&gt;A registry of the district&apos;s enterprises in the goose-formation cultivation tiers.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; GooseTier {version}&lt;br&gt;全区企业雁阵梯度培育台账。</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>sequence no.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>enterprise name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>former name</source>
        <translation>企业原名称</translation>
    </message>
    <message>
        <source>credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>cluster</source>
        <translation>产业集群</translation>
    </message>
    <message>
        <source>district</source>
        <translation>所在区市</translation>
    </message>
    <message>
        <source>street</source>
        <translation>所属街道</translation>
    </message>
    <message>
        <source>park</source>
        <translation>所属园区</translation>
    </message>
    <message>
        <source>industry code</source>
        <translation>行业代码</translation>
    </message>
    <message>
        <source>legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>registered capital</source>
        <translation>注册资本</translation>
    </message>
    <message>
        <source>date founded</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>listing</source>
        <translation>上市情况</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>营业收入</translation>
    </message>
    <message>
        <source>industrial output</source>
        <translation>工业总产值</translation>
    </message>
    <message>
        <source>employees</source>
        <translation>员工人数</translation>
    </message>
    <message>
        <source>year entered statistics</source>
        <translation>升规入统年份</translation>
    </message>
    <message>
        <source>designations (programs)</source>
        <translation>称号</translation>
    </message>
    <message>
        <source>year granted</source>
        <translation>认定年份</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>认定批次</translation>
    </message>
    <message>
        <source>product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>address</source>
        <translation>注册地址</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>level</source>
        <translation>认定级别</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>certificate no.</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Header found in row {row}. Title above it: {titles}. Check what each column holds; “(ignore)” leaves it out.</source>
        <translation>表头位于第 {row} 行，上方标题：{titles}。请核对每一列的内容；选“（忽略）”则不导入该列。</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>对应字段</translation>
    </message>
    <message>
        <source>Example {n}</source>
        <translation>示例 {n}</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
    <message>
        <source>Choose the column that holds the enterprise name.</source>
        <translation>请指定企业名称所在的列。</translation>
    </message>
</context>
<context>
    <name>NewPlanDialog</name>
    <message>
        <source>New plan period</source>
        <translation>新建规划期</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Baseline year</source>
        <translation>基期年份</translation>
    </message>
    <message>
        <source>Target year</source>
        <translation>目标年份</translation>
    </message>
    <message>
        <source>Copy indicators from</source>
        <translation>沿用指标自</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <source>What the file is</source>
        <translation>名单信息</translation>
    </message>
    <message>
        <source>Fill these in when the file does not say it in its columns or its title; what you set here wins over the file.</source>
        <translation>名单的列或标题中没有写明时请在此填写；此处填写的内容优先于文件中的内容。</translation>
    </message>
    <message>
        <source>(from the file)</source>
        <translation>（按文件）</translation>
    </message>
    <message>
        <source>e.g. 第八批</source>
        <translation>如：第八批</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新认定</translation>
    </message>
    <message>
        <source>review passed</source>
        <translation>复核通过</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>称号</translation>
    </message>
    <message>
        <source>Year granted</source>
        <translation>认定年份</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Database password</source>
        <translation>数据库密码</translation>
    </message>
    <message>
        <source>The password was not accepted. Try again.</source>
        <translation>密码未被接受，请重新输入。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>{n} new</source>
        <translation>新增 {n} 家</translation>
    </message>
    <message>
        <source>{n} updated</source>
        <translation>更新 {n} 家</translation>
    </message>
    <message>
        <source>{n} unchanged</source>
        <translation>无变化 {n} 家</translation>
    </message>
    <message>
        <source>{n} rejected</source>
        <translation>被拒 {n} 行</translation>
    </message>
    <message>
        <source>{n} to confirm</source>
        <translation>待确认 {n} 行</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Nothing has been written yet. This is what the import would do.</source>
        <translation>尚未写入任何数据。以下是导入后将发生的变化。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Check the file again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>all rows</source>
        <translation>全部行</translation>
    </message>
    <message>
        <source>filter by name, value or message</source>
        <translation>按名称、数值或提示筛选</translation>
    </message>
    <message>
        <source>Checking was cancelled. Nothing was written.</source>
        <translation>检查已取消，未写入任何数据。</translation>
    </message>
    <message>
        <source>Reading and checking every row…</source>
        <translation>正在读取并检查每一行…</translation>
    </message>
    <message>
        <source>{rows} data rows read from sheet “{sheet}” (header in row {header}).</source>
        <translation>已从工作表“{sheet}”读取 {rows} 行数据（表头在第 {header} 行）。</translation>
    </message>
    <message>
        <source>{n} designations to add</source>
        <translation>新增称号 {n} 条</translation>
    </message>
</context>
<context>
    <name>ProgressChart</name>
    <message>
        <source>completion of target (%)</source>
        <translation>目标完成率（%）</translation>
    </message>
    <message>
        <source>{count} (no target)</source>
        <translation>{count} 家（无目标值）</translation>
    </message>
    <message>
        <source>{plan}: completion at the end of {year}</source>
        <translation>{plan}目标完成情况（截至{year}年底）</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Confirm near matches</source>
        <translation>确认相近企业</translation>
    </message>
    <message>
        <source>These names are close to a registered enterprise but not the same. Choose for each row.</source>
        <translation>以下名称与台账中的企业相近但不完全相同，请逐行确认。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Name in the file</source>
        <translation>名单中的名称</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>same firm as “{name}” ({score})</source>
        <translation>与“{name}”为同一企业（相似度 {score}）</translation>
    </message>
    <message>
        <source>a different firm: add it</source>
        <translation>不是同一企业：新增</translation>
    </message>
    <message>
        <source>leave this row out</source>
        <translation>跳过此行</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>(default: the registry in the data folder)</source>
        <translation>（默认：数据目录中的台账）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>District name (shared by the office)</source>
        <translation>区名称（全办公室共用）</translation>
    </message>
    <message>
        <source>Registry file or database URL</source>
        <translation>台账文件或数据库地址</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>A new registry location takes effect when GooseTier starts next time.</source>
        <translation>新的台账位置将在下次启动时生效。</translation>
    </message>
    <message>
        <source>Registry file</source>
        <translation>台账文件</translation>
    </message>
    <message>
        <source>GooseTier registry (*.sqlite3)</source>
        <translation>GooseTier 台账 (*.sqlite3)</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <source>File and sheet</source>
        <translation>文件与工作表</translation>
    </message>
    <message>
        <source>Sheet to import:</source>
        <translation>要导入的工作表：</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <source> (hidden)</source>
        <translation>（隐藏）</translation>
    </message>
</context>
<context>
    <name>TargetsEditor</name>
    <message>
        <source>Plan periods and targets</source>
        <translation>规划期与目标</translation>
    </message>
    <message>
        <source>New plan period…</source>
        <translation>新建规划期…</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Baseline → target year</source>
        <translation>基期 → 目标年份</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Add indicator…</source>
        <translation>添加指标…</translation>
    </message>
    <message>
        <source>Remove indicator</source>
        <translation>移除指标</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Double-click a cell to edit. Without milestones progress is judged against the straight line from baseline to target.</source>
        <translation>双击单元格进行编辑。未设年度节点目标时，按基期值到目标值的直线判断进度。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Add indicator</source>
        <translation>添加指标</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
</context>
<context>
    <name>TargetsModel</name>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基期值</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Milestones (year:value)</source>
        <translation>年度节点（年份:数值）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>stock</source>
        <translation>存量</translation>
    </message>
    <message>
        <source>yearly flow</source>
        <translation>年度新增</translation>
    </message>
</context>
<context>
    <name>TierTreeModel</name>
    <message>
        <source>All enterprises</source>
        <translation>全部企业</translation>
    </message>
    <message>
        <source>Industry clusters</source>
        <translation>产业集群</translation>
    </message>
    <message>
        <source>Streets and parks</source>
        <translation>街道与园区</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>Expiring within 6 months</source>
        <translation>6个月内到期</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Due for review</source>
        <translation>待复核</translation>
    </message>
    <message>
        <source>Missing credit code</source>
        <translation>缺少信用代码</translation>
    </message>
    <message>
        <source>(not filled in)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>Counted at or above the revenue threshold in {year}</source>
        <translation>按{year}年营业收入“达到及以上”统计</translation>
    </message>
    <message>
        <source>Valid at the end of {year}</source>
        <translation>截至{year}年底有效</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>expected (straight line)</source>
        <translation>预期（直线进度）</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际</translation>
    </message>
</context>
</TS>
