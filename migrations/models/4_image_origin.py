"""Image origin: GENERATED (the worker) or UPLOADED (uploadImage), a NOT NULL column.

From aerich's diff. One step is safe on existing data: ADD COLUMN with a constant
DEFAULT fills every existing row (all generated so far) on SQLite and PostgreSQL alike,
so there is nothing to backfill. Seeds need no column change: they live in the JSON of
queue_items.params and images.metadata; byte counts are BIGINT already.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# The same statements on both engines.
UP = """
        ALTER TABLE "images" ADD "origin" VARCHAR(16) NOT NULL DEFAULT 'GENERATED';"""
DOWN = """
        ALTER TABLE "images" DROP COLUMN "origin";"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return UP


async def downgrade(db: BaseDBAsyncClient) -> str:
    return DOWN


MODELS_STATE = (
    "eJztXVtz2zYW/isYvdSZ0bq27DjZ7M7O2I6aunXs1Jdtt3GHhkhYQk0BLAHa0Xb73xcAxY"
    "tIkCJlXSgGL00N4JDQdwjg3PFnZ0wd5LLdYw/f0EdEOu/Anx0Cx0j8T66vCzrQ85Ie2cDh"
    "wFWDoYctLoepZjhg3Ic2Fz0P0GVINDmI2T72OKbyLSRwXdlIbTEQk2HSFBD8R4DEs4aIj5"
    "AvOj7/JpoxcdAXxKI/vUfrASPXmZkwduS7VbvFJ55qu709e/+dGilfN7Bs6gZjkoz2JnxE"
    "STw8CLCzK2lk3xAR5EOOnNTPkLOc/uaoKZyxaOB+gOKpOkmDgx5g4EowOv98CIgtMQDqTf"
    "I/h/+aTi01zLIuLm+s6/6NZXVqYGdTInHHhEug/vwrfG4CiGrtyBecfn98tXNw9EpBQBkf"
    "+qpTwdX5SxFCDkNSBXqCsvo3h/PpCPp6nKPxGaTFRBfBOGpIQE4+sAi+CKAVQNoZwy+Wi8"
    "iQj8Sfvb29Eoz/fXylYBajFM5UrIhwsVxMu3phn8Q7wVetImsE2agOyrNUy8F6/ve8NqT3"
    "e28rIC1GFSKt+maRZjaVT8mh/MP15YUe5YQig7CDbQ7+B1zM+Kq+6tTeMQiwyzFhu/J9m9"
    "g+JELyyWPG/nDTOO98PP4ly4LT88uT7D4jH3CSYYftIwmZBXmeJe9FD8djpGfLLGWWNVPS"
    "3eh/tnHbET/QuSTuZLoIS1hzc/axf31z/PHTDH/eH9/0ZU9PtU4yrTtHGZ7FDwE/n918D+"
    "Sf4NfLi36WjfG4m187ck4w4NQi9NmCTmq/iFoj1Ga4jr54WDxtAa7PUi6B69PpNoXpW8Lk"
    "CJNSLruQcStgC63uLK3hdJM57aMnIYpoJPETSl0EiZ7HKaoMeweCbFU7dtyyXp6eXF6ez7"
    "Dz5Owmc2befjzpC3lG8VEMwlw1n13cZM5MsSx8q57ekyJZpvLT3CU0R9eR6uTDo1bVkVDl"
    "of2O+ggPyY9oogA+E/OAxNbpOFMN+nb6mO2ENGlNNk4fPsf6d/qDEr9d/GIUfq2nx9enx+"
    "/7HYXwANqPz9B3rBmoZQ/t0UxLPDbfNe6Nsy2QwKECR/4KOefYbuFdI87DX6ixasS93XK7"
    "hmexcOAGLRuPaFJHGZwOb58WWEnf3i/Rt/cjfbvYvvEE3UBj4LhBX7ge7ZigFRaOMlmk/8"
    "tNudYXiyLnlxcfouFZVVCz5W5ohwgczPtPSO1s+R0i6S3fIeQ4C8mBxvbZcttnfeVlnSaJ"
    "tW7M7bVIiLVL6wrVaZoXLKv5euk6efySNTQDp3xvDfEloVjVibo5EebosIIEc3RYKMDIro"
    "y/APriuAgxqgFyhqwVssuaoNZtDXOB1u4N1WBumLVq1Sg7iEPs1nHLJBTNcMvI17bGLYO9"
    "Ol97ONp85vrPvDGKDx9dI8ZCRDSaT9LdLVd9+Mhi4chquk/nkiDg02fgIR9gxgLkgB9+vn"
    "kHXDqkAQehHZgBSgRt2CZUMH/yLNQhBKDrAvoAIJAmp2/YbifDyOU/fb5G9jlt/0o5In8r"
    "VNV+57jOipoOb50xZ1kHR7G25gUDF9s1j+sZotaBftCrAPpBrxB02WW89kZHbpDXvmHq3p"
    "Yw2fhyG+fLVXEODCGyaIxEitbESDR5XRmVajWWAyWJC5WHaNZPMb6zVO3Duff6dZUo5dev"
    "i6OUZZ8JPDGBJybwpIJ15YSKR3Q0dpWwo1tmURnIIat3I3/u0GcSgwd9e4SfxE8ptlkY97"
    "JJrVmvoaJSqM9BSajPQT61BjMrNO/U1Ghm6IxOU0OnibeWeoCnyQzeNfC26ZPc1sfiZKop"
    "neUpVxrHsCUymrF0Vtu722vpDDxnQa7PUhquN4XrGhPNdPYJ19PicdUdNE1jFNxyBVdhZT"
    "TceRpu+pNqnIp7LfQS1CnSc8Pe7lxl12Jy4ApU3s/T54foRbaC314SUH1GClIAtIsek1zQ"
    "0ZTHzXUWD+UU/tbbP3xz+Pbg6PCtGKKmGbe8KdkOInG0JH7athHTZNyXxYJGFC1UcvePqq"
    "SzZI/BVDbLkfHGt11aqSKjpje6qtJKmsZIK8a7sUbhbxDZwV8o/MX29O0Eda70l16ieukv"
    "+80aiXpLfUanLkaEX3PItRJ1urtUpLbVQIvFI5csUqfgk0nGRprepDS9yazwTQtzq49wMH"
    "ngK88DN3bWah/7dmouVeysRtA2YURGJNSKhGfSFasTBsOOUjFQuXHXEUaUVlHSyU9dMBti"
    "VDZu1vKETRjSpsOQHrCQrGqGIqVpWiH/rEHC5KNgPCDaXOeSdPI0kUG6GtLP2OGacsqFGm"
    "g8fr4Sug0AL0UPTdAcCfFhpBHTC+FMCAyeGjwZ/i+yBhOuq0V9goeFsM7StQnav/d6Bwdv"
    "ensHR29fH7558/rtXoxxvqsM7JOzDxLvmZ1CwwAOfb92kGKKysQo1ohRHCMOpeyRh7u4wk"
    "ea5kU1PrYnMnElxTyoj4e4VjGmhGJ9wkbnQ/+if3V803+/KsF51X548VuF6iSWwFhr3Sjc"
    "0nN0C+3qzSojtuzj0sQ4FEO9nZbChsc4bM+ZUSPEwUS4mgjXBhhf50e45jaBJYBaNXKkmS"
    "t/8cARMQFwcXt+vimb9jkVsuQxF+KNp625PNPfLbNwu3KkOMjV0Bq1x2waEMFuoOjBlL4L"
    "Hqg/7fIZUBHJDhhMAJLVwYDnUxmECnYYBRfg+NNZ1BIq3rkKZEt+xx1xKCCUg6EPCRe9Uj"
    "hhgI9Q9Gz2aheI7wvcXvffg//0w4Jn4tXqbWJiAIsXcuy6QDSO0ZjKFyL/jsRvlZXcvpUL"
    "wXLxGPNdb/LqH+oNCnAxW+wx8Iz5CIyxmIaybx8AMVc+ghyM6ZN6CweykNodIQg5TEwZPA"
    "S+dB0kRLvg/v4RTe7v36mnq5fJYmtANIIdWbYN2mrWABIHhNEsXSCAU9MN/xYzg4AFKjBY"
    "gjrETwIOzJks/Va9bNs0HKK0VJvueCyzyLQscmUtZhgT3zJXPz2slAx9WJIMfZhPhm52Lf"
    "OmCIBNUpM0ARWhnpQTQzdzun+U/1whm+rLX6S7S8/2pMnctrLBWpFLvN3UlLyogPdKSl4o"
    "gGrgG41vIb7Lt/IOIKsFbjTegFsB3PS0chgXR+FmyNbotFiVr2LdkbiMBr5dK/I5oWjFl7"
    "1uwD2oC04phjsab8BeAOwH6o91qk9JaFtM0QrAV79vqwnXulc9TWOu8Cj/5he5woPFvyHH"
    "lHmFz1KEJsqlTiUu46X+SrzUDbG+/CRDR9R9lVdqcjn7y+yAbpkFJgxDqXGnpfJ7/HTbv+"
    "0DRdUFzz7mHBFAiY2km0Oa+yN3g3IaqIqKbIQc6TfYYch/wqLzW61HZSlPviPpnyVdHO+U"
    "1wA70j8in6J6vmHADnxGfeksmXHOdJVTAgIxNwTH6l13RHw7gXTHKOfI/T3DYlb398BHng"
    "sn4WOlWwLABy4vpeG74JMfEDG3HQgcOOnKS227e3t7atSrit4L47BopMNiQB2N5bBYkI/G"
    "t0KuXLcgv10HrLmbtRXn6xlH48KzVXVWOFdleOc6kvNkFYgg1Kl8TMWpqTYbmWAn0+6SXi"
    "H/M3EsJhfz1HOIfy2Hy8rqOAwgt0d1QxtTNKsNxWvI5Uk1QhuTL7uqiSe1Ulp34/DyLTzp"
    "3aTiVpAmWV+i0l6jN4S0AdiH41oGs4Ri/eayFqXDqCPaqunvnyFq336xRLd/ui4904jp37"
    "kUFmwYEUEG3wdJ0a4P+/3l7cl5H3y66p+eXZ9NP/JY5lads7bGq/7xeQZe5PtUE2xerHnG"
    "BG247mrdmmc66rji+ZcmMeefsZV/rbp8Nut6Ma7PUpq7LpsWjzp78o89mX6y0OrO0BpON5"
    "nTz9R/LEgpLBamZ4jaIIys+o7TnLGu5prS0Zt11eR1ZTJ1Tabu6jHd2rtorvnERZ8Et5E2"
    "pTTd3S3zzTA50PLUyA0mn5gSh+am1e1POxHswBw/yfVEp7nclaOb86StQH3dViqChnBBFm"
    "hITR5FbQaY24ZNzG1jdp8W2xHNzQFt47pGLTY3tBqt2GjF1bViBbtGHY7YUawHy+sQjP7b"
    "cv0XjWuWnY8JWlfm4qBXSf/tlei/vZz+62Am8z+sunaGLF0rNN81xBd5kLFnKjbNEWSaXO"
    "piwHOE7fNBreRGBaGkQmesKyU9T7eNyYxqW0O1lcDZ0iazAOAx3RoRj/bzbQacTdg0o6Me"
    "4Amd+cRrIM7pIyLWk5A+tSVfCmPrcnQmwM4YxtpuIjGGsa+R61UMYy5k3IrKI9dlfI7YhA"
    "Y1h9X5FR5yKiAutR8XWujaBxieN5nnUrfzEHHE77V+p4M6WQg60hVdMLPe3XzJ4pLEKbxC"
    "VcDlWw6sk+qoJzYw62FmXKyi4ULX32nJW4TzGoqZNKS0ws8qCLyjcVdMe7plDoswhLxGna"
    "IPn24Bh+wRuJR6YIeKJnnzgINknaAuoARAMgFjaI8wQa+64HmEXSRrCfkBYamCQtMXy0pC"
    "qm5PrmzRKl50R+7I/b0d+D4iPLop7P5eljCCwHOhuvZBLpGuujMCyhsSpMdO3rDwTg4Jqw"
    "9JQjAOGFejOHxEd0TWKgpfJYsRhRWNMA+rHqX7kEd9WTdJdIm5OhQx9RD6TGR9o0536f6f"
    "YvPtC/IGmuyTWFbaQLEDKPwGa7kmYooWOiUOepV8QCUuoKyBfKTNeC6Gd6RPeG4DuCtxQH"
    "i1StF4L7hNsXHgLvv64QaWS9ng17r8eimZw7rGZ6uhbJGAu8wvuCmZxE37tttk+VDGyRES"
    "HBsgyBe1bmYfYJjeOKY3SC19cPXFdOO+7jzVVI4y8XQtj6cz+WSrzSczl8FsKIlp6ENPE1"
    "BXXJkuJjCF6V52Y4PJHTO5Y834+Lc0WMKEyHyNXK8SImNyx0zumMkdK9R7j5GP7VFHo/VO"
    "e7plOi9MxjRG4TUl6l9Yor4wKrtYxS0OyG6DlrsSn5ZcVDUQng5vIbr7lWwI+yU2hH1dDW"
    "rCEdEIesXKbIrEqLM11dmNGnH/+j+TyV/P"
)
