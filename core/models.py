# The historical tables for accounts and roles are made here by core/history.py.
