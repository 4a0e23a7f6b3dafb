"""A 2027 holiday notice CONSTRUCTED FOR TESTS — not the official 2027 arrangement.

The tests need a year that the built-in calendar (chinesecalendar) does not know, with a Spring
Festival long enough to move a 10-working-day deadline. This text is shaped like the State
Council's annual notices; its dates are invented around the real festival days of 2027 (正月初一
is 2027-02-06, 清明 04-05, 端午 06-09, 中秋 09-15) and its weekdays are 2027's. It must never be shown
or shipped as official data; the demo and resources use the official 2026 notice only.
"""

from __future__ import annotations

CONSTRUCTED_2027 = """（测试用构造文本，不是官方通知）
国务院办公厅关于2027年部分节假日安排的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。

一、元旦：1月1日（周五）至3日（周日）放假，共3天。

二、春节：2月5日（农历除夕、周五）至13日（农历正月初八、周六）放假调休，共9天。1月31日（周日）、2月20日（周六）上班。

三、清明节：4月3日（周六）至5日（周一）放假，共3天。

四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。

五、端午节：6月9日（周三）放假1天，不调休。

六、中秋节：9月15日（周三）放假1天，不调休。

七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""
"""The constructed 2027 notice (see the module docstring): 2027-02-05..13 off, 01-31 and 02-20
worked."""
