"""Each worker's own lease (its worker_lease_seconds) on its row, a NOT NULL column.

From aerich's diff (the same statement on SQLite and PostgreSQL). A worker is LOST when it
has been silent for longer than its own lease, not the reader's: an API process and a
worker machine configured with different leases made a healthy worker flap BUSY/LOST.
ADD COLUMN with a constant DEFAULT fills the rows of running workers (30, the default
lease); each writes its own at its next start.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "workers" ADD "lease_seconds" INT NOT NULL DEFAULT 30;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "workers" DROP COLUMN "lease_seconds";"""


MODELS_STATE = (
    "eJztXVtz2zYW/isYvTSZUb227DjZ7M7O2I6SuuvYqS1vO40zNETCEmsKYAnQijbb/74AKF"
    "5EghQpixLF4CUXAIekvoPLueNbZ0Is5NC9E9cekEeEO2/Btw6GE8T/kenrgg503bhHNDA4"
    "dORg6NoGE8NkMxxS5kGT8Z4H6FDEmyxETc92mU3EW7DvOKKRmHygjUdxk4/tP33EnzVCbI"
    "w83vH5C2+2sYW+Ihr+1300HmzkWAsfbFvi3bLdYDNXtt3enr97L0eK1w0Nkzj+BMej3Rkb"
    "ExwN933b2hM0om+EMPIgQ1biZ4ivnP/msCn4Yt7APB9Fn2rFDRZ6gL4jwOj888HHpsAAyD"
    "eJP47+Nf+0xDDDuLwaGDf9gWF0KmBnEixwtzETQH37K3huDIhs7YgXnP10cv3i8PilhIBQ"
    "NvJkp4Sr85ckhAwGpBL0GGX5dwbnszH01DiH41NI8w9dBeOwIQY5nmAhfCFANUDamcCvho"
    "PwiI35f3v7+wUY/+fkWsLMR0mcCV8RwWK5nHf1gj6Bd4yvXEXGGNJxFZQXqdaD9fL5vDGk"
    "D3pvSiDNR+UiLfsWkaYmEU/JoPzzzdWlGuWYIoWwZZsM/A84NmV1zerE3jH0bYfZmO6J92"
    "1j+xAIiSdPKP3TSeL84uPJb2kWnF1cnab3GfGA0xQ7TA8JyAzIsix5x3uYPUFqtixSplkz"
    "J90L/7GL2w7/gdYVdmbzRVjAmsH5x/7N4OTjpwX+vDsZ9EVPT7bOUq0vjlM8ix4Cfj0f/A"
    "TEf8HvV5f9NBujcYPfO+KboM+IgcnUgFZivwhbQ9QWuI6+ujZ/2gpcX6RcA9fnn9sUpu8I"
    "k0NMCrnsQMoMn660utO0mtNN5rSHnrgoopDETwlxEMRqHieoUuwdcrK6duyoZbM8Pb26ul"
    "hg5+n5IHVm3n487XN5RvKRD7KZbD6/HKTOTL4sPKOa3pMgWafy09wltETXEerkw6NS1RFQ"
    "ZaF9Tzxkj/C/0UwCfM6/A2JTpePMNejb+WN2E9K4Nd44PTiN9O/khOK/nf9iFMzWs5Obs5"
    "N3/Y5EeAjNxyn0LGMBatFDeiTVEo3Ndk16k3QLxHAkwRG/QnxzZLdwbxBjwS9UWDWi3m6x"
    "XcM1aDBwi5aNRzSrogzOh7dPCyylbx8U6NsHob6db994go6vMHAM0FemRjsiaIWFo0gW6f"
    "82KNb6IlHk4uryQzg8rQoqttwt7RC+ZbP+E5I7W3aHiHuLdwgxzkBioLZ9ttz2WV152aRJ"
    "YqMbc3stEnztkqpCdZLmGctquV66SR4/Zw0twCneW0F8iSnqOlG3J8IcH5WQYI6PcgUY0Z"
    "XyF0CPHxcBRhVATpG1QnbZENSqrWEp0Mq9oRzMDbNW1Y2yhRi0nSpumZiiGW4Z8drWuGVs"
    "t8psD0braa6e5o1RfNj4BlEaIKLQfOLubrHqw8YGDUaW0306VxgBj0yBizxgU+ojC/z86+"
    "AtcMiI+AwEdmAKCOa0QRtXwbzZlKtDCEDHAeQBQCBMTj/QvU6Kket/+nKN7HPS/pVwRH7J"
    "VdX+YHaVFTUf3jpjzroOjnxtzfWHjm1WPK4XiFoH+mGvBOiHvVzQRZf22msduUFe+4apez"
    "vCZO3LbZwvV8Y5UITwqjESCVodI9HkdaVVqnosB1IS5yoPVqyffHwXqdqHc+/VqzJRyq9e"
    "5Ucpiz4deKIDT3TgSQnryinhj+go7CpBR7fIojIUQ+p3I3/ukCmOwIOeObaf+E/Jt1lo97"
    "JOrdmsoaJUqM9hQajPYTa1xqZGYN6pqNEs0GmdpoJOE20t1QBPkmm8K+BtkiexrU/4yVRR"
    "OstS1hrHsCMymrZ0ltu722vp9F1rRa4vUmquN4XrChPN/OtjrifF47I7aJJGK7jFCq7ESm"
    "u4yzTc5JRqnIp7w/US1MnTc4Pe7lJl16BiYA0q7+f58wP0QlvBl+cEVJ/jnBQA5aK3cSbo"
    "aM7j5jqLR+ITfuwdHL0+enN4fPSGD5GfGbW8LtgOQnG0IH7aNBFVZNwXxYKGFC1Ucg+Oy6"
    "SzpI/BRDbLsfbGt11aKSOjJje6stJKkkZLK9q7sUHhbxjawZ8p/EX29N0Edan0l1yiaukv"
    "PWe1RL2jPqMzx0aY3TDIlBJ1srtQpDblQINGI9csUifgE0nGWprepjS9zazwbQtz9Uc46D"
    "zw2vPAtZ213GTfTc2ljJ1VC9o6jEiLhEqR8Fy4YlXCYNBRKAZKN+4mwoiSKkoy+akLFkOM"
    "isYtWp5sHYa07TCkB5tLVhVDkZI0rZB/NiBhsrE/GWJlrnNBOnmSSCNdDumpbTFFOeVcDT"
    "Qav1wJ3QWA16KHxmiOufgwVojpuXDGBBpPBZ7U/i8yhjOmqkV9ao9yYV2kaxO0f+/1Dg9f"
    "9/YPj9+8Onr9+tWb/QjjbFcR2KfnHwTeCzuFggEMel7lIMUElY5RrBCjOEEMCtkjC3d+hY"
    "8kzbNqfOxOZGItxTyIZ4/sSsWYYorNCRudD/3L/vXJoP+uLsG5bj88/61cdeJLYKK0buRu"
    "6Rm6lXb1ZpURW/dxqWMc8qHeTUthw2McdufMqBDioCNcdYRrA4yvyyNcM5vAGkAtGznSzJ"
    "W/euAI/wBweXtxsS2b9gXhsuQJ4+KNq6y5vNDfLbJwO2IkP8jl0Aq1x0ziY85uQPl8+dHG"
    "YP4E8IIvsyfbRPRvwZODcR7dc2cvu0DGKFtgOANI1AsDrkdEWCqgpJNiXC0vucOX4OTTed"
    "iCKLAIwISBkQcxA5dAiCsUsDEKX0X3wP39I5rd37+VxdCgKd8FILZAECPSBcS7w6Iv+P8/"
    "AATUl9G24IF4I/uJP9FmVNRTo135J3AhZfItU74AyBTw7wXB5LJKV0ubRyEUVkhTnUpFhp"
    "CWBYxsxPqhw0qWqoVHpXKQjwpykI+yOcjNLiHeFLmrSdqJIo4hUE8y0t92DtWP4q9rZBJ1"
    "1Ylkd+GRGjfpS062WKJxjZeK6koTJfCupdKEBKgCvuH4FuK7fuPqENJK4IbjNbglwE1+Vg"
    "bj/ODXFNkGfQV1uQg2HQBLie+ZlQKOY4pWzOxNA+5CVUxIPtzheA32CmA/EG+iUn0KIsoi"
    "ilYAXv++LT+40nXmSRp9c0bxnF/l5gwa/YYMU5bVG0sQ6uCSKgWwtHP4O3EON8T68ouI2J"
    "DXRF7Lj8vYXxYHdIssMEH0R4WrJKW34Zfb/m0fSKoumHo2YwgDgk0kXAnCWh86EtgYMiAL"
    "GdIxsoCddEgo/RhrefIdTv4s4ep4K/0KNh8X+Cxkzw8UmL5HiQdsvOgA6UqvBQT82xCcyH"
    "fdYT53fOHzmNpsDO7vqc2/6v4eeMh14Cx4rHRZwAcm7oJhe+CT52P+bS8gsOCsK+6S7e7v"
    "78tRL0t6L7TDopEOiyGxFJbDfEE+HN8KuXLTgvxuHbD6StRWnK/nDE1yz1bZWeJcFVGVm8"
    "iJE8UX/ECn8mzCT0252Yi8NpHtFvdy+Z/yYzG+D6eaQ/x7OVxqK58whMwcV40oTNDUGwHX"
    "kDuLKkQUxjO7rIknsVJad9Hv+i08yd2k5FaQJNlcftB+ozeEpAHYg5NKBrOYYvPmshZloc"
    "gj2qjo718gat9+sUa3f7IcPFWI6e8dAnM2jJAghe+DoGjXxH53dXt60Qefrvtn5zfn80ke"
    "ydyyc9HWeN0/uUjBizyPKGK88zXPiKANt0xtWvNMBvuWPP+SJPr807by71WXTyc7r8b1RU"
    "p9xWTT4lEXT/6JKwPzV1ndKVrN6SZzekq8x5xMvnxheoGoDcJI3VeLZox1FdeUil6vqyav"
    "K50gqxNk68d0Z6+AuWEzB33i3EbKTM5kd7fIN0PFQMOVI7eYfKIrC+oLTnc/7YSzw2b2k1"
    "hPZJ5CXTq6OUvaCtQ3baXCaARXZIGCVOdRVGaAvuRXx9w2ZvdpsR1RF+xvG9cVarG+GFVr"
    "xVorLq8VS9gV6nDIjnw9WNxCoPXfluu/aFKx2ntE0LoyF4e9Uvpvr0D/7WX0X8umIv/DqG"
    "pnSNO1QvPdQHyRCymdEr5pjiFV5FLnA54hbJ8PqpaLDLiSCq2JqoLzMt02ItOqbQXVVgBn"
    "CpvMCoBHdBtEPNzPdxlwOqPzjI5qgMd0eopXQJyRR4SNJy59Kku+5MbWZeh0gJ02jLXdRK"
    "INY98j18sYxhxImRFWJa7K+AyxDg1qDquzKzzglI8dYj6utNCVD9A8bzLPhW7nImzx32v8"
    "QYZVshBUpDXd67LZ3XzN4pLAKbi5lMPlGRaskuqoJtYwq2GmjK+i0Uq3zinJW4TzBoqZNK"
    "S0wq8yCLyjcFfMe7pFDosghLxCnaIPn24Bg/QROIS44AXhTeL6AQuJOkFdQDCAeAYm0Bzb"
    "GL3sgunYdpCoJeT5mCYKCs1fLCoJybo9mbJFdbzoDt/h+3vT9zyEWXhB1/29KGEEgevwSQ"
    "SCJdKVFzNAcYeC8NiBRzR7K4YE1YcEIZj4lMlRDD6iOywvVJCvEsWIgopGNguqHiX7kEs8"
    "UTeJd/FvtQii8iFkikV9o0537f6ffPPtM/IGmuyTWFfaQL4DKJiDlVwTEUULnRKHvVI+oA"
    "IXUNpAPlZmPOfDO1YnPLcB3FocEG6lUjTuMy4xbBy46771t4HlUrY4W9dfLyV1WFeYtgrK"
    "Fgm465zBTckkbtrcbpPlQxonx4hzbIggW9W6mX6AZnqzmS7zVSniP9GqYuvK0G3u7D9ssl"
    "uwQSr/g6MuVBz1dZep/WKUjlVseayiztWrN1dPX7SzpQSxkQddRbBiftW/iEAX/XvebRg6"
    "L0/n5TVj8u9oIIoOP/oeuV4m/Ejn5em8vPox3dm8vBPk2ea4o9B65z3dIp0XxmMao/Dq8v"
    "/PLP+fG/Ger+LmB7u3QcutxV8oFlUFhOfDW4juQSkbwkGBDeFAVd8bM4QVgl6+Mpsg0eps"
    "RXV2q0bcv/4PnU2dyg=="
)
