"""GooseTier — 雁阵梯度培育台账.

The one place the version number lives: ``--version``, the About box, the bundle and the
installers all read it from here.
"""

__version__ = "0.1.0"
APP_NAME = "GooseTier"
APP_NAME_ZH = "雁阵梯度培育台账"
