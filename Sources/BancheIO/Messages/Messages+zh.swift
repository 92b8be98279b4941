// 中文消息目录。键与英文目录（Messages+en.swift）完全相同，`{name}` 占位符也必须一一对应
// （MessagesTests 检查）。翻译时只改引号里的文字，不要改键和花括号里的名字。
extension Messages {
    public static let zh: [String: String] = [
        // 错误及其格式（ErrorReport）
        "error.prefix": "banche：{message}",
        "error.count.one": "banche：1 处错误；{what}",
        "error.count.other": "banche：{n} 处错误；{what}",
        "error.more": "……另有 {n} 处错误",
        "error.badLang": "错误：--lang 只能是 zh 或 en，不能是“{value}”",
        "error.outXlsxNeedsFormat": "--out {file} 以 .xlsx 结尾：请加上 --format xlsx（要 CSV 请用 .csv 文件名）",
        "error.xlsxNeedsOut": "--format xlsx 生成 Excel 工作簿：请用 --out 文件名.xlsx 指定输出文件",
        "error.splitNeedsOut": "--split-by 每组写一个文件：请用 --out 指定文件夹",
        "error.splitCSVOnly": "--split-by 只用于 --format csv（工作簿本来就每组一张工作表）",
        "error.splitKind": "--split-by {by} 不适用于 `export {kind}`",
        "rejected.nothingImported": "什么都没有导入",
        "rejected.nothingRecorded": "什么都没有记录",
        "rejected.rosterNotChecked": "排班表没有检查",

        // banche --help
        "banche.abstract": "为务工人员安排免费点对点包车。",
        "banche.discussion": """
        banche 把一个县的返岗返乡人员、车辆、驾驶员和上下车点存在一个 SQLite 文件里，
        安排每位务工人员坐哪辆车、哪个座位，检查驾驶员的驾驶时间，打印乘客名单。

        一个运输季，从头到尾：
          banche init                    新建 ./banche.sqlite
          banche import --dir 文件夹     导入站点、路段、线路、车辆、驾驶员、
                                         务工人员（CSV，UTF-8 或 GB18030）
          banche plan --direction 返岗 --dates 2027-02-11..2027-02-15
          banche roster check --plan     按规定检查驾驶员工作时间
          banche demo                    用自带的示例数据演示全过程

        语言
          --lang zh|en（可放在命令行任何位置）选择提示和帮助的语言；不指定时看
          LC_ALL，再看 LANG：以 zh 开头为中文，其他为英文。两种语言下 JSON、
          原因代码、规则代码和退出状态完全相同。

        退出状态
          0  完成，没有问题
          1  完成，但结果不理想（违反驾驶时间规定，或有人没排上车）
          2  输入或用法有误（文件、某一行、某个选项）；什么都没有写入
          3  数据库正忙（另一个 banche 正在写入），或排车期间数据变了，
             或清除个人信息时文件还不能彻底擦除；请再运行一次同样的命令

        文件
          ./banche.sqlite  默认数据库（用 --db 选择别的文件），
                           创建时权限为 0600

        文件格式、排车方法和驾驶员规定见源代码中的 docs/ 目录
        （中文使用说明：docs/user-guide.zh.md）。
        """,
        "option.db": "数据库文件（只有 `banche init` 会新建）。",
        "option.out.file": "输出文件；不指定时输出到屏幕。",
        "option.planVersion": "排车方案版本号（不指定时用最新的）。",
        "option.format.text": "输出格式：text（文字）或 json。",
        "option.trip": "班次编号。",
        "option.checklist": "检查清单：standard-2026、epidemic-2022，或一个 JSON 文件。",
        "option.profile": "驾驶员规则：cn-passenger、eu-561、us-fmcsa-passenger，或一个规则 JSON 文件（见 docs/driver-rules.md）。",
        "option.showPersonalData": "显示完整的身份证号和手机号（默认打码）。",

        // 各命令简介
        "init.abstract": "新建一个空的 banche 数据库。",
        "import.abstract": "从 CSV 或 Excel（.xlsx）导入区划、站点、路段、线路、车辆、驾驶员或务工人员。",
        "plan.abstract": "给每位务工人员安排车辆、座位和上车点。",
        "plans.abstract": "列出已保存的排车方案版本，显示某一版的摘要，或比较两版。",
        "plans.list.abstract": "列出已保存的排车方案版本（默认），或显示某一版的摘要。",
        "plans.diff.abstract": "两版方案之间的变化：新增、取消、调整的人员；新增、取消、变更的班次。",
        "roster.abstract": "按规定检查驾驶员工作时间，或导出排好的驾驶员排班表。",
        "roster.check.abstract": "按规则检查一个排班表文件，或已保存方案里的驾驶员排班。",
        "roster.export.abstract": "把已保存方案的驾驶员排班写成排班表 CSV（`roster check` 读的列）。",
        "board.abstract": "记录上车前检查，判定谁可以上车。",
        "board.record.abstract": "为一位乘客或车辆记录一项检查。",
        "board.import.abstract": "导入上车点收集的检查结果：trip_id,worker_id,step,value,at。",
        "board.status.abstract": "一个班次里谁已通过、谁被拦下（原因）、谁还待查。",
        "board.close.abstract": "锁定一个班次的上车名单；被拦下的人改乘以后的班次。",
        "manifest.abstract": "打印方案中各班次的乘客名单。",
        "export.abstract": "导出乘客名单、通知和驾驶员排班表：CSV、JSON 或 Excel 工作簿。",
        "history.abstract": "列出每次导入、排车方案、上车记录、班次锁定和清除，含时间、用户和命令。",
        "purge.abstract": "删除往季的个人信息（个人信息保护法）：保留匿名统计，压缩文件。",
        "backup.abstract": "备份数据库，得到一致的副本；别人正在使用时也可以备份。",
        "publish.abstract": "把班次标记为已通知：乘客已知道车辆、座位和时间。",
        "worker.abstract": "取消、恢复或查看一位务工人员。",
        "worker.cancel.abstract": "取消务工人员：除非恢复，不再排车（记录保留在历史中）。",
        "worker.restore.abstract": "撤销取消：下次排车时重新安排此人。",
        "worker.show.abstract": "查看一位务工人员的情况：车辆、车牌、座位、上车点、时间、班次状态。",
        "find.abstract": "按编号、姓名，或身份证号、手机号的后 4 位以上查找务工人员。",
        "report.abstract": "给领导看的统计数字。",
        "report.season.abstract": "本季概况：班次、车辆、人数、脱贫人口、重点群体、座位利用率。",
        "report.html.abstract": "把本季概况、每个班次和驾驶员写成一个 HTML 网页文件夹，可打开查看和打印。",
        "generate.abstract": "生成一套天等→蓬江的模拟数据（导入用的 CSV）。",
        "demo.abstract": "用自带的天等→蓬江示例数据演示全过程。",

        // banche plan
        "plan.discussion": """
        为一个方向、一段日期排车，结果保存为新的方案版本（旧版本保留；
        `banche plans` 列出所有版本）。显示已安排和未安排的人数、班次数和
        理论下限、座位利用率、车公里数和每个班次的上车点。每位没排上车的人
        都有原因代码和一句说明，并显示姓名和打码的身份证号。

        退出状态：0 全部排上；1 有人没排上；2 输入有误；3 数据库正忙，或
        排车所依据的数据在保存前被改动（什么都没保存；请再运行一次 plan）。
        """,
        "plan.option.direction": "to-work（节后返岗，也可写 返岗）或 to-home（节前返乡，也可写 返乡）。",
        "plan.option.dates": "排车日期：首日..末日（或某一天），如 2027-02-11..2027-02-15。",
        "plan.option.dryRun": "只排车并显示，不保存方案版本。",
        "plan.option.occupancy": "核定座位中最多可坐满的比例，如只许坐一半时写 0.5。",
        "plan.option.maxPickupStops": "每辆车最多几个上车点（线路没有规定时）。",
        "plan.option.maxPickupMinutes": "接人阶段最多多少分钟（线路没有规定时）。",
        "plan.option.profile": "安排驾驶员和轮换所依据的规则：cn-passenger、eu-561、us-fmcsa-passenger，或一个规则 JSON 文件。",
        "plan.option.checklist": "一份上车检查清单，方案须遵守它的载客比例上限（max_occupancy）。",
        "plan.option.splitStops": "同一村的人一天分坐几辆车：needed（一辆坐不下时才分）、never（不分）或 free（能省里程就分）。",
        "plan.option.replanAll": "所有班次重新排，不管已通知的和已有上车记录的班次（已锁定的班次始终保留）。",
        "plan.note.pastDays": "注意：今天（{today}）以前的日期不再排车；排 {today}..{last}",
        "plan.error.passed": "日期 {dates} 已经过去（今天是 {today}）；没有可排的",
        "plan.error.capBelowStop": "线路 {route}：{column} 为 {cap} 分钟，少于一个站点本身所需的 {stop} 分钟：任何两户都不能同乘一辆车，每户只能单独坐一辆；请在 routes.csv 中调大后重新导入（banche import routes routes.csv --replace）；未保存任何内容",
        "plan.error.nobody": "{dates} 没有人乘车（方向 {direction}；{outside} 名务工人员的乘车日期都在这之外）：请检查日期；未保存任何内容",
        "plan.head.version": "排车方案第 {version} 版",
        "plan.head.dryRun": "排车方案（试排，未保存）",
        "plan.head": "{head}：{direction}（{chinese}），{dates}",
        "plan.placed": "  已安排人数    {n}",
        "plan.unplacedCount": "  未安排人数    {n}",
        "plan.kept": "  保留班次      {n}（已通知、已锁定或已开始上车：车辆、日期、时间和座位不变）",
        "plan.roadside": "  路边停车      {trip}",
        "plan.nightHalt": "  夜间停车      {trip}：02:00–05:00 停在{place}，乘客在车上；05:00 以后下客",
        "plan.nightHaltBefore": "  夜间到达      {trip}：最后下客 {time}，在 02:00 停车之前",
        "plan.notKept": "  未能保留      {trip}：{reason}；车上乘客已重新安排（没排上的列在下面）",
        "plan.keptBroken": "  保留但违规    {trip}：{reason}",
        "plan.outsideDates": "  日期之外      {n}（出行日期不在 {dates} 内，不在本方案中）：",
        "plan.more": "，……（--format json 列出全部）",
        "plan.trips": "  班次（车辆）  {n}   理论下限 {bound}",
        "plan.boundReached": "（已达到）",
        "plan.boundAbove": "（按全部可安排人员计；{n} 人未安排）",
        "plan.boundOpen": "（下限只计座位、上车点数和上车时长；下车点上限、出行日期和同户同车可能让车坐不满）",
        "plan.utilisation": "  座位利用率    {percent} %",
        "plan.busKm": "  车公里        {km}",
        "plan.split": "  分车的村      {n}（同一天同一上车点的人坐了不止一辆车）",
        "plan.pickupsPerTrip": "  每班上车点    最少 {min}，最多 {max}，平均 {mean}",
        "plan.col.trip": "班次",
        "plan.col.bus": "车辆",
        "plan.col.plate": "车牌",
        "plan.col.seats": "座位",
        "plan.col.pax": "人数",
        "plan.col.departs": "发车",
        "plan.col.arrives": "到达",
        "plan.col.km": "公里",
        "plan.col.drivers": "驾驶员",
        "plan.col.pickups": "上车点",
        "plan.unplacedHead": "  未安排（原因：人数）",
        "plan.unplacedMore": "    ……另有 {n} 人（--format json 列出全部）",

        // 未排上车的原因说明（plan），跟在原因代码后面。
        "reason.no_route": "此人所有可走的日期里，这个方向都没有线路",
        "reason.ambiguous_route": "有几条线路都可以送此人；请填写 route_id（线路编号）",
        "reason.household_no_common_day": "同户的人没有共同可走的日期",
        "reason.household_larger_than_any_bus": "同户人数比任何一辆车的座位都多",
        "reason.no_accessible_seat": "此人可走的日期里没有空着无障碍座位的车",
        "reason.no_bus_in_window": "此人可走的日期里，可用车辆的座位都已坐满",
        "reason.pickup_limits": "此人可走的日期里车上有空座，但每辆车再加此人的上车点或下车点都会超过线路的上限（上车点数、接人时间、下车点数、送人时间）",
        "reason.no_driver_crew": "这个班次找不到符合规定的驾驶员组合",
        "reason.stop_split_forbidden": "这个村当天的人一辆车坐不下，而 --split-stops never 不允许分坐几辆车",

        // banche roster check
        "roster.head": "驾驶员排班检查，规则 {profile}：{drivers} 名驾驶员，{records} 条记录",
        "roster.compliant": "  合规：没有违反任何规定",
        "roster.violations.one": "  1 处违规：",
        "roster.violations.other": "  {n} 处违规：",
        "duration.hm": "{h} 小时 {mm} 分",
        "duration.m": "{m} 分钟",
        "roster.limit": "{measured}（上限 {limit}）",
        "roster.crew.measured.one": "{n} 名驾驶员",
        "roster.crew.measured.other": "{n} 名驾驶员",
        "roster.placesNoColumn": "未检查停车地点：排班表没有 place（地点）列",
        "roster.placesNoDatabase": "未检查停车地点：{db} 处没有数据库，无法识别站点（用 --db 指定）",
        "roster.wrote": "已把 {n} 条排班记录写入 {file}",

        // 违反的规定（roster check），按规则代码。中文时先显示这句，再显示规则引擎的详细英文说明。
        "rule.CN-CONT-DAY": "白天连续驾驶超过上限，中间没有足够长的停车休息",
        "rule.CN-CONT-NIGHT": "夜间连续驾驶超过上限，中间没有足够长的停车休息",
        "rule.CN-DAILY": "任意 24 小时内累计驾驶超过上限",
        "rule.CN-WEEKLY": "任意 7 天内累计驾驶超过上限",
        "rule.CN-NIGHT-HALT": "在夜间停车时段行驶；长途客车此时须停车休息（经批准的接力运输除外）",
        "rule.CN-CREW": "单程超过规定里程，须配备 2 名以上驾驶员",
        "rule.CN-STOP-PLACE": "在服务区、站点或车场以外停车休息或换班（实施条例第 82 条只允许在这些地方停车）",

        // banche board
        "board.recorded": "已记录：{trip} 班次 {who} 的 {step}，时间 {at}",
        "board.theBus": "车辆",
        "board.importedResults": "已从 {file} 记录 {n} 条检查结果",
        "board.statusHead": "班次 {trip}，发车 {departure}，检查清单 {checklist}",
        "board.closedHead": "班次 {trip}，发车 {departure}，已于 {closed} 锁定：{boarded} 人上车，{released} 人改乘",
        "board.releasedLine": "  {who}  改乘（下次排车时重新安排）",
        "board.bus": "  车辆：{status}",
        "board.counts": "  乘客：{cleared} 人通过，{blocked} 人拦下，{pending} 人待查",
        "board.passenger": "  {who}  {status}",
        "board.closed": "已锁定 {trip}：{boarded} 人上车，{released} 人改乘、待重新安排",
        "board.closedStop": "已锁定 {trip} 的 {stop} 站：{boarded} 人上车，{released} 人改乘（重新安排）",
        "board.stopClosedLine": "  {stop} 站已于 {at} 锁定：上车名单已冻结",
        "board.reopen.abstract": "当天撤销误锁的班次（或某一站）。",
        "board.status.cleared": "通过",
        "board.status.blocked": "拦下",
        "board.status.pending": "待查",
        "board.status.stale": "已过期",
        "board.finding.notRecorded": "{step}：尚未记录",
        "board.finding.failed": "{step}：未通过",
        "board.finding.busNotCleared": "车辆还没有通过检查（车辆项目）",
        "board.finding.notBlocking": "（不影响上车）",
        "board.noTrip": "任何方案版本中都没有班次 {trip}；`banche plans` 列出所有方案",

        // 其他命令的结果
        "init.created": "已新建 {db}",
        "import.rows": "已从 {file} 导入 {n} 行",
        "import.warning": "警告：{message}",
        "import.workers": "务工人员：新增 {new}，更新 {updated}，不变 {unchanged}",
        "publish.done.one": "已通知方案第 {version} 版的 1 个班次",
        "publish.done.other": "已通知方案第 {version} 版的 {n} 个班次",
        "publish.already": "（{n} 个此前已通知）",
        "copy.abstract": "在 SQLite 文件和全省共用的 PostgreSQL 数据库之间复制一个县的本季数据，逐表核对。",
        "copy.option.from": "数据所在：banche 的 SQLite 文件，或 postgres://角色@主机:端口/库名（县由角色决定）。",
        "copy.option.to": "复制到：postgres://角色@主机:端口/库名（县办公室的角色），或一个新的 SQLite 文件（权限 0600）。",
        "copy.option.replace": "替换目标里已有的本季数据（不加此项时，这样的目标会被拒绝）。",
        "copy.bothFiles": "--from 和 --to 都是 SQLite 文件；复制文件请用 `banche backup`。`banche copy` 的一端必须是 postgres://…",
        "copy.bothServers": "--from 和 --to 都是 PostgreSQL；`banche copy` 的一端必须是 SQLite 文件（数据库之间请用 pg_dump）",
        "copy.holdsData": "{db} 已有本季数据（{n} 行）；没有复制任何内容。要替换请加 --replace",
        "copy.noCounty": "{db}：角色 {role} 不属于任何县；请用县办公室自己的角色复制（banche init --county 代码 --role 角色）",
        "copy.mismatch": "{db} 里的副本与源数据不一致（见上表）；已撤销，什么也没有写入",
        "copy.done": "已把本季数据从 {from} 复制到 {to}；每张表都核对一致",
        "copy.leftBehind": "未复制：{table}，{n} 行（上车核验服务器的数据，只在 SQLite 文件上运行）",
        "copy.col.table": "表",
        "copy.col.source": "源行数",
        "copy.col.destination": "复制行数",
        "copy.col.checksum": "校验和（SHA-256）",
        "copy.ok": "一致",
        "copy.differs": "不一致",
        "copy.total": "合计",
        "backup.done": "已把 {db} 的一致副本写入 {file}（权限 0600，完整性检查通过）",
        "purge.done": "已清除 {before} 以前的 {workers} 名务工人员、{drivers} 名驾驶员和 {records} 条上车记录；统计数保留；文件已压缩",
        "purge.done.postgres": "已清除 {before} 以前的 {workers} 名务工人员、{drivers} 名驾驶员和 {records} 条上车记录；统计数保留；数据表已重写（VACUUM FULL）",
        "purge.rewrote": "此角色不属于任何县，没有删除任何数据；尚待完成的 {n} 次清除所涉及的数据表已重写（VACUUM FULL）",
        "purge.nothingPending": "此角色不属于任何县，没有删除任何数据；没有等待重写数据表的清除，未做任何操作",
        "manifest.wrote.one": "已把 1 份乘客名单写入 {dir}/",
        "manifest.wrote.other": "已把 {n} 份乘客名单写入 {dir}/",
        "export.wrote": "已写入 {file}",
        "export.wroteFiles": "已把 {n} 个文件写入 {dir}/",
        "report.wrote": "已写入 {file}",

        // worker、find、plans、manifest、purge、backup、report
        "worker.line": "{id}  {name}  {resident_id}  {phone}  {direction} {window}",
        "direction.to-work": "节后返岗",
        "direction.to-home": "节前返乡",
        "worker.cancelledAt": "  已于 {at} 取消",
        "worker.placement": "  方案第 {version} 版：班次 {trip}，{date}，车辆 {bus} {plate}，{seat} 号座，{time} 在{stop}（{stop_id}）上车——{state}",
        "worker.notInPlan": "  方案第 {version} 版：不在此方案中（方案之后才导入或修改，或不在方案日期内）：请重新排车",
        "worker.inPlan": "  方案第 {version} 版：{state}",
        "worker.noPlan": "  {direction} 方向还没有排车方案",
        "worker.state.planned": "已排车",
        "worker.state.published": "已通知",
        "worker.state.closed": "班次已锁定",
        "worker.state.boarded": "已上车",
        "worker.state.released": "改乘（待重新安排）",
        "worker.state.unplaced": "未排上",
        "worker.state.cancelled": "已取消",
        "worker.cancelled.one": "已取消 1 人",
        "worker.cancelled.other": "已取消 {n} 人",
        "worker.alreadyCancelled": "；此前已取消：{ids}",
        "worker.planToFree": "运行 `banche plan` 释放他们的座位",
        "worker.restored": "已恢复 {ids}；运行 `banche plan` 重新安排",
        "worker.noSuchWorker": "没有编号为 {id} 的人；用 `banche find` 查找",
        "find.noMatch": "没有找到与“{query}”相符的人",
        "find.nothing": "请给出要查找的内容",
        "plans.none": "还没有排车方案；请运行 `banche plan`",
        "plans.county": "县",
        "plans.header": "版本     创建时间                   方向       日期                    已安排  未安排    班次   下限   车公里    操作人",
        "plans.diff.head": "方案第 {from} 版 → 第 {to} 版：新增 {added} 人，取消 {removed} 人，调整 {moved} 人；班次新增 {tripsAdded}，取消 {tripsRemoved}，变更 {tripsChanged}",
        "plans.diff.added": "  + {worker}  {trip} {seat} 号座，{stop} {time}",
        "plans.diff.removed": "  - {worker}  原为 {trip} {seat} 号座，{stop} {time}（{why}）",
        "plans.diff.moved": "  ~ {worker}  {fromTrip} {fromSeat} 号座 {fromStop} {fromTime} → {toTrip} {toSeat} 号座 {toStop} {toTime}",
        "plans.diff.tripAdded": "  新增班次      {trip}",
        "plans.diff.tripRemoved": "  取消班次      {trip}",
        "plans.diff.tripChanged": "  变更班次      {trip}",
        "plans.option.show": "显示此版本保存的 JSON 摘要。",
        "plans.option.older": "较早的版本。",
        "plans.option.newer": "较新的版本。",
        "option.format.textCSVJSON": "text（文字）、csv 或 json。",
        "publish.option.trip": "要标记为已通知的班次编号。",
        "option.date": "只处理这一天的班次（YYYY-MM-DD）。",
        "worker.option.ids": "务工人员编号。",
        "worker.option.id": "务工人员编号。",
        "worker.option.reason": "原因（记入历史；随此人的信息一起清除）。",
        "find.option.query": "编号、姓名（或其中一部分），或身份证号、手机号的后 4 位以上。",
        "manifest.option.trip": "一个班次。",
        "manifest.option.date": "这一天的所有班次（YYYY-MM-DD）。",
        "manifest.option.all": "方案中的所有班次。",
        "manifest.option.out": "每个班次写一个文件到这个文件夹（权限 0600），而不是显示出来。",
        "manifest.option.width": "页面宽度（字符列数）：80（每英寸 12 字符）或 120（紧缩，每英寸 17 字符）。",
        "manifest.option.pageLines": "每页行数（A4 纵向、每英寸 6 行时为 64）。",
        "manifest.oneOf": "请在 --trip、--date、--all 中给出一个且只给一个",
        "manifest.noTrip": "没有相符的班次",
        "purge.option.before": "清除在这一天之前结束的运输季（YYYY-MM-DD）。",
        "purge.afterToday": "--before {before} 晚于今天（{today}）；purge 只删除已结束的运输季，删除后无法恢复",
        "backup.option.out": "要写出的副本（如已有同名普通文件则替换）。",
        "backup.sameFile": "--out 指向数据库本身；请换一个文件名",
        "report.option.out": "写入这个文件（CSV 为带 BOM 的 UTF-8），而不是显示出来。",
        "report.noPlan": "还没有排车方案；请先运行 `banche plan`",
        "plan.error.dates": "--dates {dates} {problem}（请写成 YYYY-MM-DD..YYYY-MM-DD）",

        // 较长的 --help 说明
        "board.discussion": """
        检查清单：banche 自带 standard-2026（默认）和 epidemic-2022；
        --checklist 文件.json 读取别的清单（见 docs/boarding.md）。每条记录都连同
        时间保存；同一项目后来的记录取代先前的。
        """,
        "board.status.discussion": """
        退出状态：乘客和车辆全部通过为 0，否则为 1。已锁定的班次显示谁上了车、
        谁改乘（退出状态 0）：名单已经锁定。
        """,
        "board.close.discussion": """
        只有通过检查的乘客算作上车。被拦下的（以及还没查完的）改乘：下次
        `banche plan` 从这个班次的第二天起重新安排他们。车辆本身没通过检查时拒绝锁定。
        加 --stop 时只锁定并释放在该站上车的乘客；车辆继续去其他站，其他站仍可登记。
        之后再锁定整个班次时，已锁定的站保持不变。锁错了，当天可用 `banche board reopen` 撤销。
        """,
        "roster.check.discussion": """
        banche roster check 文件.csv     检查别处填写或导出的排班表
        banche roster check --plan [N]   检查方案第 N 版（默认最新一版）的驾驶员排班

        排班表的列：driver_id（驾驶员编号）、activity（活动：drive 驾驶、break 休息间歇、
        other_work 其他工作、available 待命、rest 休息）、start（开始）、end（结束）；
        可选 vehicle_id、trip_id、trip_km、place（非驾驶记录时车辆停在哪个站点：
        加 --db 时，在别处休息或停车算 CN-STOP-PLACE 违规；没有这一列就不检查
        停车地点）、relay、service（不填为 charter 包车）；也可用中文表头 驾驶员编号、
        活动（驾驶、间歇、其他工作、待命、休息）、开始、结束、车辆编号、班次、里程、地点。
        文件可以是 CSV，也可以是 .xlsx 工作簿（第一张工作表，或 --sheet 指定）。时间为
        ISO 8601，或 Excel 的写法（2027/2/13 5:30、日期时间单元格、序列号）；不带时区时
        一律按北京时间（+08:00），与规则无关。没有记录覆盖的时间算作下班。

        退出状态：0 合规；1 有违规；2 输入有误（列出每处矛盾所在的行：结束早于
        开始、一名驾驶员同时有两条记录、两名驾驶员同时驾驶同一辆车）。
        """,
        "publish.discussion": """
        已通知的班次会被固定：以后每次 `banche plan` 都保留它的车辆、日期、时间、
        上车点，以及车上每位仍然出行的乘客的座位（见 `banche plan --replan-all`）。
        不给 --trip 也不给 --date 时，处理方案中的所有班次。
        """,
        "purge.discussion": """
        删除最后出行日期早于 DATE 的务工人员、他们的上车记录，以及在 DATE 以前
        已不再可用的驾驶员；保留按方向、日期和户籍乡镇的统计数。方案中只保留
        人员编号。然后压缩文件并清空预写日志，使删除的内容从磁盘上消失。如果
        另一个程序正在读这个数据库，最后这一步无法完成：退出状态为 3（请再运行
        一次同样的命令）；删除已经生效，以后任何一次打开数据库都会完成擦除。
        见 docs/privacy.md。

        在省级 PostgreSQL 数据库上，删除本角色所属县的数据在一个事务中完成，然后
        用 VACUUM FULL 重写相关数据表。县级角色无权重写时（PostgreSQL 17 以前），
        删除生效后以退出状态 2 说明情况；由管理员（不属于任何县的角色）运行 purge，
        不删除数据，只重写所有尚待完成的清除所涉及的数据表。预写日志、归档、转储
        和备库中的副本不在此列：见 docs/province.md。
        """,
        "copy.discussion": """
        从 SQLite 文件复制到 PostgreSQL（--to postgres://角色@…，县办公室的角色：
        数据归入该县），或从 PostgreSQL 复制到一个新的 SQLite 文件（权限 0600：含个人信息）。
        复制本季的每张表：上车点、线路、车辆、驾驶员、务工人员、导入记录、各版方案
        及其班次、座位和排班、上车记录和关闭、取消、公布、清除统计。方案版本号和日志
        编号由目标按源的顺序重新编排。
        每张表在源端统计行数并计算校验和（按统一文本排序后的 SHA-256），在目标端的
        同一个事务里再算一遍：不一致就撤销复制（退出码 1），不会留下写了一半的数据。
        目标已有本季数据时拒绝（退出码 2），除非加 --replace。密码来自 PGPASSWORD
        或 ~/.pgpass，从不出现在命令行里。
        """,
        "backup.discussion": """
        使用 SQLite 的在线备份：其他 banche 命令（以及 `banche serve`）可以同时读写；
        副本是数据库某一时刻的状态。副本是一个独立的文件，权限 0600（含个人信息），
        在替换 FILE 之前用 PRAGMA integrity_check 检查完整性。数据库可能正被使用时，
        这是复制它的正确方法；手工复制 banche.sqlite 可能漏掉还在 banche.sqlite-wal
        里的内容。
        """,
        "demo.discussion": """
        在输出文件夹里新建数据库：导入示例数据的六个 CSV，排节后返岗的车，检查方案，
        为第一个班次做上车检查，写出乘客名单、排班表和 HTML 报告（report/index.html），
        并显示结果。示例数据从这里的 Fixtures/tiandeng-pengjiang 读取；没有这个文件夹时，
        先在输出文件夹里重新生成同样的文件（逐字节相同）。
        """,

        // board、roster、demo 的选项说明
        "board.option.worker": "务工人员编号（乘客的检查项目）。",
        "board.option.vehicle": "车辆的检查项目（消毒、例检……）。",
        "board.option.step": "检查清单中的项目编号。",
        "board.option.value": "结果：数值、检测结果（negative 阴性）、状态（green 绿码）；只需标记完成时不填。",
        "board.option.at": "检查时间，ISO 8601（默认：现在）。",
        "board.option.file": "检查结果 CSV 文件。",
        "board.import.discussion": "worker_id 为空表示车辆的检查项目。全部成功或全部不存：只要有一行有错，就什么都不保存（退出状态 2）。",
        "roster.option.file": "排班表 CSV 文件；用 --plan 时为方案版本号（不填为最新一版）。",
        "roster.option.plan": "检查已保存方案中的驾驶员排班，而不是一个文件。",
        "roster.option.out": "输出文件（原子写入，权限 0600）；不指定时输出到屏幕。",
        "demo.option.out": "存放数据库和文件的文件夹；里面如有以前的演示会被替换。",
        "demo.option.fixture": "示例数据 CSV 所在的文件夹。",

        // init、plans、worker、find、manifest、report 的较长说明
        "init.discussion": "文件创建时权限为 0600（只有所有者能读写）：里面会有姓名、身份证号和手机号。已有的文件绝不会被覆盖。",
        "plans.discussion": "每次运行 `banche plan`（不加 --dry-run）都保存为一个版本；不会覆盖任何版本。",
        "worker.cancel.discussion": "下次 `banche plan` 释放他们的座位；已通知班次上的其他人座位不变。",
        "find.discussion": "显示每个相符的人：车辆、车牌、座位、上车点和时间，以及班次状态。没有找到时退出状态为 1。",
        "manifest.discussion": """
        每个班次单独成页：线路、日期、车牌、座位数、驾驶员及轮换、各站点和时间、
        按上车点再按座位排列的乘客、合计、签字栏。每页最多 --page-lines 行
        （默认 64：A4 纵向，每英寸 6 行，上下各留半英寸），页首是班次和“第 i/n 页”，
        乘客名单跨页时重复列标题；每页以换页符开始。签字栏不会被拆到两页。
        身份证号和手机号打码（451425********1234、138****5678），除非加
        --show-personal-data，此时每页都会注明。
        """,
        "plans.diff.discussion": """
        moved（调整）：此人的班次、座位、上车点或上车时间有变（旧 → 新）。
        JSON：{from, to, added: [{worker_id, trip_id, seat, stop_id, pickup_time}],
        removed: [同上], moved: [{worker_id, from: {…}, to: {…}}], trips_added,
        trips_removed, trips_changed}。CSV：每个人员变化一行，然后每个班次变化一行。
        """,
        "report.season.discussion": """
        依据每个方向的最新方案（已锁定班次按实际上车人数），按全部、方向、日期、
        乡镇和企业统计。文字版第一句就是领导常引用的那句话。运行 `banche purge`
        之后，按保留的匿名统计数计算。JSON：{plan_versions, trips, buses, people,
        formerly_poor, priority: {…}, seats_filled, boarded, by_direction: […],
        by_day: […], by_township: […], by_employer: […]}。
        """,

        // report season（本季概况）
        "season.filled": "座位利用率 {percent}%",
        "season.boarded": "，已锁定班次实际上车 {n} 人",
        "season.others": "其他重点群体：",
        "season.by.direction": "按方向：",
        "season.by.day": "按日期：",
        "season.by.township": "按乡镇：",
        "season.by.employer": "按企业：",
        "season.dim.direction": "方向",
        "season.dim.day": "日期",
        "season.dim.township": "乡镇",
        "season.dim.employer": "企业",
        "season.col.trips": "趟次",
        "season.col.buses": "车辆",
        "season.col.people": "人数",
        "season.col.formerlyPoor": "脱贫人口",
        "season.col.seatsFilled": "座位利用率",
        "season.col.boarded": "已上车",

        // banche demo
        "demo.title": "banche 演示：天等县 → 蓬江区，节后返岗",
        "demo.imported": "1. 从 {source}/ 导入",
        "demo.rows": "{n} 行",
        "demo.planned": "2. 已排 {route}（{id}），{service}：方案第 {version} 版",
        "demo.placed": "     已安排人数     {placed} / {workers}（脱贫人口 {poorPlaced} / {poor}）",
        "demo.buses": "     车辆（班次）   {trips}，理论下限 {bound}",
        "demo.asFewAsPossible": "：已是最少",
        "demo.seats": "     座位利用率     {percent} %",
        "demo.busKm": "     车公里         {km}（去程）",
        "demo.unplaced": "     未安排         {n}",
        "demo.checkedOK": "3. 方案检查：没有超员，没有拆散家庭，需要无障碍座位的都已满足",
        "demo.checkedProblems": "3. 方案检查：{n} 个问题：{problems}",
        "demo.drivers": "4. 驾驶员：{drivers} 人，每车最多 {crew} 人，{duties} 条排班记录（含空车返回）；",
        "demo.rosterOK": "     排班检查（cn-passenger）：合规，没有违规；每次休息、换班和夜间停车都在服务区或站点",
        "demo.rosterBroken": "     排班检查（cn-passenger）：{n} 处违规",
        "demo.boarding": "5. {trip} 上车检查（standard-2026）：车辆{status}，{boarded} 人上车，{held} 人被拦下（{who}：携带违禁物品），改乘以后的车",
        "demo.wrote": "6. 已把 {n} 份乘客名单写入 {out}/manifests/，排班表写入 {out}/roster.csv",
        "demo.report": "7. 已写出 HTML 报告：{out}/report/index.html（用浏览器打开；按 Ctrl+P 在 A4 纸上打印班次页）",
        "demo.files": "{out}/ 中的文件：banche.sqlite（数据库；`banche plans --db {db}` 列出方案版本）",
        "demo.next1": "下一步：banche manifest --trip {trip} --db {db} --width 80",
        "demo.next2": "        banche export passengers --db {db} --out passengers.csv",
        "demo.next3": "        banche report season --db {db}",

        // banche export
        "export.discussion": """
        passengers   方案中的全部乘客，按班次和座位排列
        stops        同上，按上车点排列（给乡镇工作人员）
        employers    同上，按用工企业排列（给接收的工厂）
        notices      每人一行，附一条写好的通知短信：日期、车牌、座位、
                     上车点和时间；--changed-since A 只列出与第 A 版相比
                     安排有变的人和新排上的人；--template 文件 可用
                     {name} {date} {time} {stop} {plate} {seat} {trip}
        roster       全部驾驶员排班记录，列与 `banche roster check` 读的相同

        pickup_time 是车辆计划到达该乘客上车点的时间，即乘客应到的时间，
        与乘客名单上印的一致。

        CSV 为带 BOM 的 UTF-8（Excel 能正确打开）或 GB18030。可能被表格
        软件当作公式执行的单元格前面加 '。
        --format xlsx 写一个 Excel 工作簿（--out 文件名.xlsx）：每个班次
        （passengers、notices）、乡镇（stops）、企业（employers）或驾驶员
        （roster）一张工作表，首行标题冻结，身份证号和手机号存为文本。
        --lang zh 时标题为中文（LANG 以 zh 开头时 xlsx 默认中文）；CSV 的
        标题只有明确加 --lang zh 才改为中文。
        --split-by township|employer|trip 与 CSV 一起用时，每组写一个文件，
        放在 --out 指定的文件夹里。
        身份证号和手机号默认打码，除非加 --show-personal-data。文件先写临时
        文件再替换，权限 0600。
        """,
        "export.error.kind": "请写 export passengers、stops、employers、notices 或 roster",
        "export.error.noticesOnly": "--changed-since 和 --template 只用于 `export notices`",
        "export.error.format": "--format 只能是 csv、json 或 xlsx",
        "export.error.encoding": "--encoding 只能是 utf8 或 gb18030",
        "export.error.splitBy": "--split-by 只能是 township（乡镇）、employer（企业）或 trip（班次）",
        "export.error.template": "无法读取通知模板 {file}",
        "export.option.kind": "passengers、stops、employers、notices 或 roster。",
        "export.option.format": "csv、json 或 xlsx（Excel 工作簿；须用 --out 文件名.xlsx）。",
        "export.option.encoding": "utf8 或 gb18030（仅 CSV）。",
        "export.option.out": "输出文件（用 --split-by 时为文件夹）；不指定时输出到屏幕。",
        "export.option.showPersonalData": "导出完整的身份证号和手机号（短信平台需要手机号）。",
        "export.option.changedSince": "notices：只列出与此版本相比安排有变的人和新排上的人。",
        "export.option.template": "notices：通知短信模板文件（UTF-8）。",
        "export.option.splitBy": "仅 CSV：按乡镇、企业或班次每组一个文件，放在 --out 指定的文件夹里。",

        // 导出列的中文标题（英文名是 docs/formats.md 规定的 CSV 标题）。
        "column.trip_id": "班次",
        "column.date": "日期",
        "column.departure": "发车时间",
        "column.plate": "车牌号",
        "column.seat": "座位号",
        "column.worker_id": "编号",
        "column.name": "姓名",
        "column.gender": "性别",
        "column.resident_id": "身份证号",
        "column.phone": "手机号",
        "column.pickup_stop": "上车点",
        "column.pickup_name": "上车点名称",
        "column.dropoff_name": "下车点名称",
        "column.employer": "务工企业",
        "column.home_township": "户籍乡镇",
        "column.priority": "优先类别",
        "column.pickup_time": "上车时间",
        "column.message": "通知内容",
        "column.driver_id": "驾驶员编号",
        "column.activity": "活动",
        "column.start": "开始",
        "column.end": "结束",
        "column.vehicle_id": "车辆编号",
        "column.trip_km": "里程公里",
        "column.relay": "接力",
        "column.service": "客运类型",
        "column.place": "地点",
        "sheet.none": "（未填）",
        "sheet.passengers": "乘客名单",
        "sheet.stops": "按上车点",
        "sheet.employers": "按企业",
        "sheet.notices": "通知",
        "sheet.roster": "排班表",
    ]
}
