"""Every sentence the command line says, by key: (Chinese, English). Rendered by pipeline.messages."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # an input file that cannot be used (exit 3); {file} is the file's name
    "input.no_raw_folder": (
        "原始数据文件夹 {folder} 不存在；请用 --raw 指定存放登记表的文件夹。",
        "The raw folder {folder} does not exist; pass --raw with the folder holding the registers.",
    ),
    "input.missing_pair": (
        "有 {other} 却缺少 {folder}/{table}.csv（或 .xlsx）：枢纽表和枢纽联系表须一起提供（都不提供则本批没有枢纽数据）；请把{label}登记表放入，文件名为 {table}.csv 或 {table}.xlsx。",
        "{other} is given but {folder}/{table}.csv (or .xlsx) is missing: hubs and hub_links come together (neither: this delivery has no hub data); add the {label} register as {table}.csv or {table}.xlsx.",
    ),
    "input.missing_file": (
        "缺少 {folder}/{table}.csv（或 .xlsx）；请把{label}登记表放入，文件名为 {table}.csv 或 {table}.xlsx。",
        "{folder}/{table}.csv (or .xlsx) is missing; add the {label} register as {table}.csv or {table}.xlsx.",
    ),
    "input.two_files": (
        "{folder} 中 {names} 都是「{table}」表；请只保留其中一个。",
        "{folder}: both {names} hold table '{table}'; keep only one of them.",
    ),
    "input.empty": (
        "{file} 是空文件；它需要一行表头和数据行。",
        "{file} is empty; it needs a header row and data rows.",
    ),
    "input.header_only": (
        "{file} 只有表头，没有数据行；请补上登记表的数据行。",
        "{file} has a header but no data rows; add the register's rows.",
    ),
    "input.binary": (
        "{file} 不是文本表格（看起来是二进制文件）；请另存为 CSV（UTF-8）或 .xlsx。",
        "{file} is not a text table (it looks binary); save it as CSV (UTF-8) or .xlsx.",
    ),
    "input.utf16": (
        "{file} 是 UTF-16 文本（Excel 的“Unicode 文本”）；请另存为“CSV UTF-8”或 .xlsx。",
        "{file} is UTF-16 text (Excel's 'Unicode text'); save it as CSV UTF-8 or .xlsx.",
    ),
    "input.bom_not_utf8": (
        "{file} 以 UTF-8 标记（BOM）开头，但第 {line} 行不是 UTF-8（这些字节像是 {guess} 编码）；请把整个文件另存为“CSV UTF-8”。",
        "{file} starts as UTF-8 (BOM) but line {line} is not UTF-8 (its bytes look like {guess}); save the whole file again as CSV UTF-8.",
    ),
    "input.mixed_utf8_first": (
        "{file} 混用了两种编码：第 {good} 行是 UTF-8，第 {line} 行却不是（这些字节像是 {guess} 编码）；请把整个文件另存为“CSV UTF-8”。",
        "{file} mixes encodings: line {good} is UTF-8 but line {line} is not (its bytes look like {guess}); save the whole file again as CSV UTF-8.",
    ),
    "input.mixed_gb_first": (
        "{file} 混用了两种编码：文件是 GB18030/GBK 编码，第 {line} 行却是 UTF-8（照 GBK 读会变成乱码）；请把整个文件另存为“CSV UTF-8”。",
        "{file} mixes encodings: the file is GB18030/GBK but line {line} is UTF-8 (read as GBK it would be garbled); save the whole file again as CSV UTF-8.",
    ),
    "input.unknown_encoding": (
        "{file} 既不是 UTF-8 也不是 GB18030/GBK 文本：第 {line} 行无法读取（这些字节像是 {guess} 编码）；请另存为“CSV UTF-8”或 .xlsx。",
        "{file} is neither UTF-8 nor GB18030/GBK text: line {line} cannot be read (its bytes look like {guess}); save it again as CSV UTF-8 or .xlsx.",
    ),
    "input.cr_only": (
        "{file} 的行尾只有回车符（CR，旧式 Mac 格式），从第 1 行起整个文件会被读成一行；请另存为“CSV UTF-8”。",
        "{file} ends its lines with a bare carriage return (CR, old Mac style), so from line 1 on the whole file reads as one line; save it again as CSV UTF-8.",
    ),
    "input.long_header": (
        "{file} 第 1 行（表头）超过 {limit} KB，不像登记表的表头；请确认文件无误后另存为 CSV。",
        "{file} line 1 (the header) is longer than {limit} KB, which no register's header is; check the file and save it again as CSV.",
    ),
    "input.other_delimiter": (
        "{file} 是用{name}（{shown}）分隔的，第 1 行没有逗号；请另存为逗号分隔的 CSV（“CSV UTF-8”）。",
        "{file} is separated by {name} ({shown}), not commas (line 1 has no comma); save it again as comma-separated CSV (CSV UTF-8).",
    ),
    "input.unclosed_quote": (
        '{file} 第 {line} 行有一个没有闭合的英文双引号（"），其后各行都会被并入这一格；请补上或删去这个引号。',
        '{file} line {line} opens a double quote (") that is never closed, so every later line would join that cell; close or remove it.',
    ),
    "input.ragged_line": (
        "{file} 第 {line} 行有 {found} 列，而表头只有 {expected} 列；请让每行的列数与表头相同（含逗号的值要用英文双引号括起来）。",
        "{file} line {line} has {found} columns but the header has {expected}; make every row have the header's number of columns (quote values that hold a comma).",
    ),
    "input.not_csv": (
        "{file} 无法按 CSV 表格读取（{detail}）；请另存为“CSV UTF-8”或 .xlsx。",
        "{file} could not be read as a CSV table ({detail}); save it again as CSV UTF-8 or .xlsx.",
    ),
    "input.xlsx_broken": (
        "{file} 无法作为 Excel 工作簿打开；请重新另存为 .xlsx 或 CSV。",
        "{file} could not be opened as an Excel workbook; save it again as .xlsx or as CSV.",
    ),
    "input.xlsx_unpacked": (
        "{file} 解压后有 {size} MB，超过上限 {limit} MB；请删去多余的工作表和空行，或另存为 CSV。",
        "{file} unpacks to {size} MB, over the limit of {limit} MB; delete extra sheets and empty rows, or save it as CSV.",
    ),
    "input.xlsx_ratio": (
        "{file} 中有一部分解压后是压缩时的 {ratio} 倍（上限 {limit} 倍），不像正常的工作簿；请在 Excel 中重新另存为 .xlsx 或 CSV。",
        "{file} has a part that unpacks to {ratio} times its packed size (the limit is {limit}), which no ordinary workbook does; save it again from Excel as .xlsx or CSV.",
    ),
    "input.xlsx_rows": (
        "{file} 的第一个工作表有 {rows:,} 行，超过上限 {limit:,} 行（Excel 一个工作表的上限）；请拆分文件或另存为 CSV。",
        "{file}'s first sheet has {rows:,} rows, over the limit of {limit:,} (Excel's own for one sheet); split the file or save it as CSV.",
    ),
    "input.too_wide": (
        "{file} 的表头有 {found:,} 列，超过上限 {limit} 列（登记表约 20 列）；请删去多余的列后重新保存。",
        "{file}'s header has {found:,} columns, over the limit of {limit} (a register has about 20); delete the extra columns and save it again.",
    ),
    "input.too_long": (
        "{file} 有 {rows:,} 行，超过上限 {limit:,} 行；请拆分文件或另存为 CSV。",
        "{file} has {rows:,} rows, over the limit of {limit:,}; split the file or save it as CSV.",
    ),
    "input.long_cell": (
        "{file} 第 {line} 行「{header}」列的内容有 {length:,} 个字符，超过一格的上限 {limit:,} 个字符（多为引号错位，把后面的行并进了这一格）；请核对这一格。",
        "{file} line {line}, column '{header}' holds {length:,} characters, over the limit of {limit:,} for one cell (usually a misplaced quote that joined later lines into it); check that cell.",
    ),
    "input.sum_overflow": (
        "{file} 中「{column}」各行相加超出数据仓库能记录的范围（数值最大的是第 {lines} 行）；请核对这些行，是否多写了位数。",
        "{file}: the rows' '{column}' add up to more than the warehouse can record (the largest are on lines {lines}); check those rows for extra digits.",
    ),
    "input.symlink": (
        "{file} 是一个符号链接（指向 {target}），默认不读取：它可能让刷新读到文件夹之外的任何文件；请把文件本身放进来，或确认无误后加 --follow-symlinks。",
        "{file} is a symbolic link (to {target}), which is not read by default: it could make a refresh read any file outside the folder; put the file itself there, or pass --follow-symlinks if you trust it.",
    ),
    "guard.refused": (
        "未发布：{what}；如果文件无误、确要如此，请加 --accept-drop 重新刷新（网页发布：勾选“仍要发布”）。",
        "Not published: {what}; if the files are right and this is meant, refresh again with --accept-drop (publish page: tick 'publish anyway').",
    ),
    "guard.dropped": (
        "{file} 接受的行数从现行版本的 {live:,} 行降到 {new:,} 行（减少 {share:.1%}，超过 {limit:.0%}）",
        "{file}: rows accepted fall from {live:,} in the live release to {new:,} (down {share:.1%}, more than {limit:.0%})",
    ),
    "guard.cut": (
        "{file} 的最后一行（第 {line:,} 行）只有 {found} 列而表头有 {expected} 列，且没有以换行结束，像是文件被截断了",
        "{file}'s last line (line {line:,}) has {found} columns where the header has {expected} and ends without a line break, as if the file was cut short",
    ),
    "input.repeated_header": (
        "{file} 中「{header}」列出现了两次；请删去其中一列。",
        "{file} has the column '{header}' twice; delete one of them.",
    ),
    "input.two_columns": (
        "{file} 有两列都是「{label}」（{column}）；请删去其中一列。",
        "{file} has two columns for '{column}'; delete one of them.",
    ),
    "input.missing_column": (
        "{file} 缺少「{label}」列（表头可写 {names}）；请添加这一列。",
        "{file} has no column '{column}' (header {names}); add that column.",
    ),
    "input.delimiter.semicolon": ("分号", "semicolons"),
    "input.delimiter.tab": ("制表符", "tabs"),
    "input.delimiter.pipe": ("竖线", "vertical bars"),
    "input.guess_unknown": ("未知", "unknown"),
    # the warehouse (exit 4), or a warehouse path that cannot be used (exit 2)
    "warehouse.reserved_name": (
        "{name} 不能用作数据仓库文件名（DuckDB 会把它与模式“{stem}”混淆）；请换一个文件名，如 hub.duckdb。",
        "{name} cannot be used as a warehouse name (DuckDB would confuse it with the schema '{stem}'); choose another file name, e.g. hub.duckdb.",
    ),
    "warehouse.is_directory": (
        "--warehouse {path} 是一个文件夹；请给出其中的文件名，如 {path}/hub.duckdb。",
        "--warehouse {path} is a folder; pass a file name in it, e.g. {path}/hub.duckdb.",
    ),
    "warehouse.unwritable": (
        "--warehouse {path}：无法在文件夹 {folder} 中创建或写入文件（{reason}）；请换一个可写的位置。",
        "--warehouse {path}: cannot create or write files in the folder {folder} ({reason}); pass a path in a folder you can write to.",
    ),
    "warehouse.unresolvable": (
        "--warehouse {path} 无法解析（{reason}，可能是循环的符号链接）；请给出一个普通文件路径。",
        "--warehouse {path} cannot be resolved ({reason}, perhaps a symbolic link loop); pass a plain file path.",
    ),
    "warehouse.lock_symlink": (
        "锁文件 {lock} 是一个符号链接，不能使用；请删除它后重新刷新。",
        "The lock file {lock} is a symbolic link, which is not used; delete it and refresh again.",
    ),
    "warehouse.busy": (
        "{target} 正在被另一次刷新使用；请等它完成。",
        "Another refresh of {target} is running; wait for it to finish.",
    ),
    "warehouse.busy_by": (
        "{target} 正被{holder}占用（进程 {pid}，{since} 开始）；{operation}须等它完成，请稍后再试。",
        "{target} is held by {holder} (process {pid}, started {since}); the {operation} must wait for it to finish: try again later.",
    ),
    "lock.holder.refresh": ("一次刷新", "a refresh"),
    "lock.holder.publish": ("一次网页发布", "a publish from the browser"),
    "lock.holder.prune": ("一次清理旧版本（prune）", "a prune"),
    "lock.waiter.refresh": ("刷新", "refresh"),
    "lock.waiter.publish": ("发布", "publish"),
    "lock.waiter.prune": ("清理旧版本", "prune"),
    "lock.waiter.other": ("这项操作", "operation"),
    "warehouse.audits_failed": (
        "新的数据仓库未通过审核 {failed}；已保留原来的数据仓库。",
        "The new warehouse failed its audits {failed}; the old one was kept.",
    ),
    "warehouse.not_closed": (
        "{name} 没有正常关闭；已保留原来的数据仓库。",
        "{name} was not closed cleanly; the old warehouse was kept.",
    ),
    "warehouse.wal_exists": (
        "{target}.wal 存在（另一个程序正以写入方式打开数据仓库）；请关闭它后重新刷新。",
        "{target}.wal exists (another program has the warehouse open for writing); close it and refresh again.",
    ),
    # what the commands print
    "cli.not_changed": ("数据仓库未作改动。", "The warehouse was not changed."),
    "cli.crashed": (
        "{command} 意外失败（{error}）。",
        "{command} failed unexpectedly ({error}).",
    ),
    "cli.report_it": (
        "请加 -v 重新运行查看详情，并报告此问题。",
        "Run again with -v for details and report it.",
    ),
    "summary.heading": (
        "各文件行数（读入 = 接收 + 拒收）：",
        "rows per file (read = accepted + rejected):",
    ),
    "summary.file": ("文件", "file"),
    "summary.read": ("读入", "read"),
    "summary.accepted": ("接收", "accepted"),
    "summary.rejected": ("拒收", "rejected"),
    "summary.warned": ("警告", "warned"),
    "summary.refreshed": (
        "已刷新 {warehouse}（批次 {run_id}），用时 {seconds:.1f} 秒。",
        "Refreshed {warehouse} (run {run_id}) in {seconds:.1f}s.",
    ),
    "summary.rejected_report": ("拒收行报告：{path}", "Rejected rows: {path}"),
    "summary.warnings_report": ("警告报告：  {path}", "Warnings:      {path}"),
    "summary.reports_xlsx": (
        "用电子表格查看时请打开同名的 .xlsx（代码以文本保存）；CSV 供程序读取。",
        "To read them in a spreadsheet open the .xlsx of the same name (codes kept as text); the CSV is for programs.",
    ),
    "summary.refused_files": (
        "无法读取、未逐行检查的文件：{files}（原因见下）；其余文件均已逐行检查。",
        "Files that cannot be read, so not checked row by row: {files} (why: below); every other file was checked row by row.",
    ),
    "input.several": (
        "发现 {n} 个问题，每个都使一个文件无法使用（其余文件均已逐行检查）：",
        "{n} problems found, each making a file unusable (every other file was checked row by row):",
    ),
    "summary.validate_only": (
        "仅作检查，没有导入任何数据。",
        "Nothing was loaded (validate only).",
    ),
    "summary.wrote": ("已写出 {path}", "wrote {path}"),
    "summary.sample_rows": ("{path}：{rows:,} 行", "{path}: {rows:,} rows"),
    "status.no_hub_data": (
        "当前数据没有枢纽数据（本批未提供 hubs 和 hub_links）：覆盖率等枢纽指标无从计算，不是 0%。",
        "The live data has no hub data (this delivery gave neither hubs nor hub_links): coverage and"
        " the other hub figures cannot be computed; they are not 0%.",
    ),
    "status.none": (
        "{warehouse} 还没有刷新记录；请运行 `python -m pipeline refresh`。",
        "No refresh of {warehouse} is recorded yet; run `python -m pipeline refresh`.",
    ),
    # column headings of `status` and `releases`, and the words in their cells
    "status.run": ("批次", "run"),
    "status.finished": ("完成时间", "finished"),
    "status.status": ("状态", "status"),
    "status.raw": ("原始数据文件夹", "raw folder"),
    "status.succeeded": ("成功", "succeeded"),
    "status.failed": ("失败", "failed"),
    "status.running": ("进行中", "running"),
    "status.interrupted": ("中断", "interrupted"),
    "releases.label.release": ("版本", "release"),
    "releases.label.size": ("大小", "size"),
    "releases.label.pinned": ("固定", "pinned"),
    "releases.label.state": ("状态", "state"),
    "releases.label.table": ("表", "table"),
    "releases.label.added": ("新增", "added"),
    "releases.label.removed": ("删除", "removed"),
    "releases.label.changed": ("修改", "changed"),
    "releases.state.live": ("在用", "live"),
    "releases.state.kept": ("保留", "kept"),
    "releases.state.pruned": ("已清理", "pruned"),
    "releases.state.missing": ("缺失", "missing"),
    "releases.state.none": ("无", "none"),
    "releases.state.pinned": ("已固定", "pinned"),
    # what the release commands say (status, releases, diff, pin, unpin, prune; refresh's last lines)
    "releases.summary": (
        "共 {count} 个版本（{pinned} 个固定，{missing} 个文件缺失），占用磁盘 {size}，位于 {folder}。",
        "{count} release(s) ({pinned} pinned, {missing} missing), {size} on disk in {folder}.",
    ),
    "releases.pins": ("固定的版本：{runs}", "Pinned: {runs}"),
    "releases.leftovers_head": (
        "中断或失败的刷新留下的文件（下次刷新时删除）：",
        "Leftovers of interrupted or failed runs (the next refresh removes them):",
    ),
    "releases.no_leftovers": (
        "没有中断或失败的刷新留下的文件。",
        "No leftovers of interrupted or failed runs.",
    ),
    "releases.none": (
        "{warehouse} 还没有保留任何版本；请运行 `python -m pipeline refresh`。",
        "No release of {warehouse} is kept yet; run `python -m pipeline refresh`.",
    ),
    "releases.diff_head": (
        "从版本 {old} 到版本 {new} 的变化：",
        "Changes from release {old} to release {new}:",
    ),
    "releases.diff_figures": (
        "有 {count} 个总览和分区指标发生变化。",
        "{count} headline and district figure(s) moved.",
    ),
    "releases.diff_more": (
        "……另有 {count} 个（加 --json 可看全部）。",
        "... and {count} more (all of them with --json).",
    ),
    "releases.pinned": (
        "已固定版本 {run}：取消固定之前不会清理它。",
        "Pinned {run}: it is kept until it is unpinned.",
    ),
    "releases.already_pinned": ("版本 {run} 之前已经固定。", "{run} was already pinned."),
    "releases.unpinned": (
        "已取消固定版本 {run}：以后清理时可能删除它。",
        "Unpinned {run}: a prune may now remove it.",
    ),
    "releases.not_pinned": ("版本 {run} 没有固定。", "{run} was not pinned."),
    "releases.pruned": ("已清理 {count} 个版本：{runs}。", "Pruned {count} release(s): {runs}."),
    "releases.pruned_none": (
        "没有需要清理的版本：共 {count} 个版本，最新的 {keep} 个、在用的和固定的版本都保留。",
        "Nothing to prune: {count} release(s), the newest {keep}, the live one and pinned ones are kept.",
    ),
    "releases.refresh_release": ("版本 {run} 已保存为 {path}。", "Release {run} kept as {path}."),
    "releases.refresh_pruned": ("已清理：{runs}。", "Pruned: {runs}."),
    # a release command cannot do what was asked (exit 2): the problem and the fix
    "releases.unknown_run": (
        "{run} 不是 {warehouse} 的版本；`python -m pipeline releases` 可列出所有版本。",
        "{run} is not a release of {warehouse}; `python -m pipeline releases` lists them.",
    ),
    "releases.pruned_run": (
        "版本 {run} 已被清理；`python -m pipeline releases` 可列出保留的版本。",
        "Release {run} was pruned; `python -m pipeline releases` lists the kept ones.",
    ),
    "releases.no_release": (
        "刷新批次 {run} 没有成功（{status}），因此没有版本。",
        "Run {run} did not succeed ({status}), so it has no release.",
    ),
    "releases.missing_file": (
        "版本 {run} 的文件（{path}）不见了，无法{action}。",
        "The file of release {run} ({path}) is missing; it cannot be {action}.",
    ),
    "releases.action.compared": ("比较", "compared"),
    "releases.action.pinned": ("固定", "pinned"),
    "releases.no_older": (
        "{run} 是磁盘上最早的版本；请用 --from 指定另一个版本与它比较。",
        "{run} is the oldest release on disk; pass --from to compare it with another.",
    ),
    "releases.too_few": (
        "{warehouse} 在磁盘上只有 {count} 个版本；比较至少需要两个。",
        "{warehouse} has {count} release(s) on disk; a diff needs two.",
    ),
    "releases.bad_keep": (
        "--keep 必须是不小于 1 的整数（在用的版本也算一个）。",
        "--keep must be a whole number of at least 1 (the live release counts).",
    ),
    # progress of the steps a user waits on
    "progress.starting": ("开始", "starting"),
    "progress.reading": ("读取 {file}", "reading {file}"),
    "progress.normalizing": ("规整 {file}", "normalizing {file}"),
    "progress.validating": ("校验 {file}（{rows:,} 行）", "validating {file} ({rows:,} rows)"),
    "progress.loading": ("导入 {file}", "loading {file}"),
    "progress.loads_finishing": ("等待最后一个表导入完成", "waiting for the last load"),
    "progress.building": ("构建 {model}", "{model}"),
    "progress.carry_check": (
        "核对哪些汇总表可沿用在用版本",
        "checking which marts the live release can lend (unchanged inputs)",
    ),
    "progress.carried": (
        "{model} 沿用在用版本（输入未变）",
        "{model} carried over from the live release (its inputs are unchanged)",
    ),
    "progress.auditing": ("审核汇总表", "auditing the marts"),
    "progress.comparing": ("与上一版本逐年比较", "comparing with the previous release"),
    "progress.fingerprinting": ("计算输入文件校验和", "fingerprinting the inputs"),
    "sample.organizations": ("社会组织：{count:,}", "organizations: {count:,}"),
    "sample.hubs_links": ("枢纽：{hubs:,}；联系：{links:,}", "hubs: {hubs:,}; links: {links:,}"),
    "sample.projects_funding": (
        "项目：{projects:,}；拨付记录：{funding:,}",
        "projects: {projects:,}; funding records: {funding:,}",
    ),
    "sample.wrote": (
        "已写出 {file}：{rows:,} 行，其中 {faults} 处故意的错误",
        "wrote {file}: {rows:,} rows, {faults} deliberate faults",
    ),
    # --help, and the command line's own errors (exit 2)
    "help.description": (
        "枢纽：把枢纽型社会组织的登记表导入 DuckDB 数据仓库。",
        "Shuniu: load the hub registers into the DuckDB warehouse.",
    ),
    "help.epilog": (
        "退出码：0 完成（有拒收行也算完成，拒收行是数据而不是故障）；1 意外错误（程序缺陷，请报告）；"
        "2 命令行有误；3 输入文件无法使用（提示会指明文件和改法）；4 数据仓库无法构建或替换（保留原来的）。",
        "exit codes: 0 done (rejected rows are data, not failure); 1 unexpected error (a bug: report it); "
        "2 wrong command line; 3 an input file cannot be used (the message names the file and the fix); "
        "4 the warehouse could not be built or replaced (the old one is kept).",
    ),
    "help.usage": ("用法：", "usage: "),
    "help.positionals": ("位置参数", "positional arguments"),
    "help.options": ("选项", "options"),
    "help.command": ("命令", "COMMAND"),
    "help.help": ("显示本帮助并退出", "show this help message and exit"),
    "help.verbose": ("把每一步记录到标准错误输出", "log every step to stderr"),
    "help.lang": (
        "输出语言：zh 中文（默认），en 英文；也可设环境变量 SHUNIU_LANG",
        "language of the output: zh Chinese (default) or en English; also env SHUNIU_LANG",
    ),
    "help.refresh": (
        "校验原始登记表并重建数据仓库（要么全部完成，要么不作改动）。",
        "Validate the raw registers and rebuild the warehouse (all or nothing).",
    ),
    "help.validate": (
        "只检查原始登记表并报告问题行，不改动数据仓库。",
        "Check the raw registers and report bad rows, without touching the warehouse.",
    ),
    "help.status": (
        "显示各次刷新（包括失败和中断的）、版本、固定的版本、磁盘占用和遗留文件。",
        "Show the runs (failed ones included), releases, pins, disk use and leftovers.",
    ),
    "help.releases": (
        "列出保留的版本，最新的在前（路径、大小、是否固定、文件是否缺失）。",
        "List the kept releases, newest first (path, size, pinned, missing).",
    ),
    "help.diff": (
        "比较两个版本：各输入表新增、删除、修改的记录数，以及变动的指标。",
        "What changed between two releases: rows per input table, figures that moved.",
    ),
    "help.pin": (
        "固定一个版本：取消固定之前，清理不会删除它。",
        "Keep a release until it is unpinned (prune never removes it).",
    ),
    "help.unpin": ("取消固定，让这个版本可以再被清理。", "Let a pinned release be pruned again."),
    "help.prune": (
        "删除最新 N 个以外的版本（在用的和固定的版本保留）。",
        "Delete releases beyond the newest N (the live and pinned ones are kept).",
    ),
    "help.export": (
        "把简报表（总览指标、历年趋势、分区覆盖、枢纽类型、分区资金）导出为一个 Excel 工作簿（含说明页），或导出为 CSV 文件。",
        "Write the briefing tables (headline figures, trend, district coverage, hub types, district funding) as one Excel workbook with a cover sheet, or as CSV files.",
    ),
    "help.export_format": (
        "xlsx：一个工作簿（默认）；csv：每张表一个 CSV 文件（纯数据，供程序读取），旁边有同名的 .xlsx，写入 --out 文件夹",
        "xlsx: one workbook (default); csv: one CSV file per table (plain data, for programs) with the same table as .xlsx beside it, in the --out folder",
    ),
    "help.export_year": (
        "统计年底，如 2023（xlsx 默认：已过去的最近一个年底；csv 默认：全部年底）",
        "the year-end, e.g. 2023 (xlsx default: the latest year-end that has passed; csv default: every year-end)",
    ),
    "help.export_base": (
        "总览指标的对比基准年底（默认：统计年底前 5 年）",
        "the baseline year-end of the headline figures (default: 5 years before the year-end)",
    ),
    "export.no_year": (
        "数据仓库中没有 {year} 年底的数据；可选 {first} 至 {last} 年。",
        "The warehouse has no figures for year-end {year}; choose a year from {first} to {last}.",
    ),
    "export.no_years": (
        "数据仓库中还没有任何年底的数据；请先运行 `python -m pipeline refresh`。",
        "The warehouse has no year-end figures yet; run `python -m pipeline refresh` first.",
    ),
    "help.sample": (
        "生成一套合成登记表（随附的北京样例、全国规模，或民政系统导出的样式）。",
        "Generate a synthetic register (the bundled Beijing-shaped sample, national scale, or"
        " the civil-affairs export's shape).",
    ),
    "help.raw": (
        "存放 organizations、hubs、hub_links[、projects、funding、population]（.csv 或 .xlsx）的文件夹（默认 {default}）",
        "folder holding organizations, hubs, hub_links[, projects, funding, population] as .csv or .xlsx (default {default})",
    ),
    "help.warehouse": (
        "DuckDB 数据仓库文件（默认 {default}）",
        "the DuckDB warehouse file (default {default})",
    ),
    "help.keep": (
        "保留最新的几个版本（默认 {keep}）；固定的版本也保留",
        "how many of the newest releases to keep (default {keep}); pinned ones stay too",
    ),
    "help.quiet": ("不显示进度", "no progress display"),
    "help.report": (
        "写出拒收行和警告报告（CSV 及同名 .xlsx）的文件夹（默认不写）",
        "folder to write the rejection and warning reports to, CSV and .xlsx (default: none)",
    ),
    "help.limit": ("显示多少次刷新（默认 10）", "how many runs to show (default 10)"),
    "help.json": (
        "输出 JSON（供调度程序和检查使用），不输出表格",
        "print JSON for schedulers and checks instead of a table",
    ),
    "help.from": (
        "较早的版本（默认：--to 之前的那个）",
        "the older release (default: the one before --to)",
    ),
    "help.to": ("较新的版本（默认：最新的）", "the newer release (default: the latest)"),
    "help.run": (
        "版本的刷新批次号，与 `releases` 列出的相同",
        "the run id of the release, as `releases` lists it",
    ),
    "help.export_out": (
        "输出文件夹（默认 exports/）；xlsx 也可给出以 .xlsx 结尾的文件名",
        "output folder (default exports/); for xlsx also a file name ending in .xlsx",
    ),
    "help.sample_out": (
        "输出文件夹（默认 data/raw；--scale national 时为 data/national；--shape civil-affairs 时为"
        " data/civil_affairs）",
        "output folder (default data/raw, data/national for --scale national, data/civil_affairs"
        " for --shape civil-affairs)",
    ),
    "help.scale": (
        "生成哪一套登记表（默认 beijing）",
        "which register to generate (default beijing)",
    ),
    "help.orgs": (
        "社会组织数（覆盖该规模的默认值）",
        "number of organizations (overrides the scale's default)",
    ),
    "help.shape": (
        "登记表的样式：register（各列齐全的登记表，默认）或 civil-affairs（民政系统导出的样式：登记管理机关、"
        "住所，少有区划代码，另有备案的社区社会组织）",
        "the register's shape: register (every column, the default) or civil-affairs (as the"
        " civil-affairs system exports it: authority and address, few region codes, filed"
        " community organizations)",
    ),
    "help.region": (
        "仅 civil-affairs：只生成这一省级区划的登记机关（如 500000 重庆）",
        "civil-affairs only: only the bureaus of this province-level region (e.g. 500000 重庆)",
    ),
    "help.without_hubs": (
        "仅 civil-affairs：同一套登记表，但不含 hubs 和 hub_links（没有枢纽数据的一批）",
        "civil-affairs only: the same register without hubs and hub_links (a delivery without"
        " hub data)",
    ),
    "sample.civil_affairs_only": (
        "--region 和 --without-hubs 只用于 --shape civil-affairs",
        "--region and --without-hubs apply to --shape civil-affairs only",
    ),
    "help.seed": (
        "随机种子；同一种子生成完全相同的文件",
        "random seed; the same seed gives the same files",
    ),
    "argparse.error": ("{prog}：命令行有误：{detail}", "{prog}: error: {detail}"),
    "argparse.required": ("缺少必需的参数：{args}", "the following arguments are required: {args}"),
    "argparse.invalid_choice": (
        "参数 {arg} 的取值 {value} 无效（可选：{choices}）",
        "argument {arg}: invalid choice: {value} (choose from {choices})",
    ),
    "argparse.invalid_value": (
        "参数 {arg} 的值 {value} 不是有效的{kind}",
        "argument {arg}: invalid {kind} value: {value}",
    ),
    "argparse.unrecognized": ("无法识别的参数：{args}", "unrecognized arguments: {args}"),
    "argparse.expected_one": ("参数 {arg} 后面需要一个值", "argument {arg}: expected one argument"),
    "argparse.argument": ("参数 {arg}：{detail}", "argument {arg}: {detail}"),
    "argparse.kind.int": ("整数", "int"),
}

# Issue 11 (a clerk's Chinese): warnings written to the log (stderr), in one block.
CATALOGUE.update(
    {
        "log.audit_bad_line": (
            "审计日志 {file} 第 {line} 行不是审计事件，已跳过。",
            "{file} line {line} is not an audit event; skipped.",
        ),
        "log.audit_unwritable": (
            "审计日志无法写入（{error}）。",
            "The audit log could not be written ({error}).",
        ),
        "log.release_not_kept": (
            "批次 {run} 已上线，但没能保留为版本（{error}）；下次刷新时会再试。",
            "Run {run} is live but its release was not kept ({error}); the next refresh tries again.",
        ),
        "log.audit_failed": (
            "检查 {audit} 未通过：{rows} 行有问题。",
            "Audit {audit} failed: {rows} offending rows.",
        ),
    }
)

# Issue 11 (a clerk's Chinese): the placeholders of --help (argparse's metavars), in one block.
CATALOGUE.update(
    {
        "help.metavar.RAW": ("目录", "RAW"),
        "help.metavar.WAREHOUSE": ("文件", "WAREHOUSE"),
        "help.metavar.REPORT": ("目录", "REPORT"),
        "help.metavar.OUT": ("目录", "OUT"),
        "help.metavar.KEEP": ("个数", "KEEP"),
        "help.metavar.LIMIT": ("次数", "LIMIT"),
        "help.metavar.ORGS": ("组织数", "ORGS"),
        "help.metavar.REGION": ("区划代码", "CODE"),
        "help.metavar.SEED": ("种子", "SEED"),
        "help.metavar.RUN": ("批次号", "RUN"),
        "help.metavar.YEAR": ("年份", "YEAR"),
        "help.metavar.BASE_YEAR": ("年份", "BASE_YEAR"),
    }
)

# Issue 22 (no door left open): the drop guard's and the raw folder's options.
CATALOGUE.update(
    {
        "help.accept_drop": (
            "仍要发布：接受某个表的行数比现行版本减少超过 --max-drop，或某个文件最后一行被截断（记入审计日志）",
            "publish anyway: accept that a table has far fewer rows than the live release (more than --max-drop), or that a file's last line is cut short (recorded in the audit log)",
        ),
        "help.max_drop": (
            "某个表接受的行数比现行版本最多可减少的百分比（默认 {percent}），超过则不发布",
            "the percentage by which a table's accepted rows may fall against the live release (default {percent}) before the refresh is not published",
        ),
        "help.rebuild": (
            "重新构建全部汇总表（默认沿用输入未变的汇总表）",
            "build every mart anew (by default a mart whose inputs are unchanged is carried over)",
        ),
        "help.follow_symlinks": (
            "读取原始数据文件夹中作为符号链接的文件（默认拒绝）",
            "read input files that are symbolic links (refused by default)",
        ),
        "help.metavar.MAX_DROP": ("百分比", "PERCENT"),
        "cli.bad_max_drop": (
            "--max-drop 必须是 0 到 100 之间的数（百分比）。",
            "--max-drop must be a number from 0 to 100 (a percentage).",
        ),
    }
)
