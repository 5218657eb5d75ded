"""无讼调解助手 (Wusong): offline case assistant for village and township people's mediators."""

__version__ = "0.1.0"
