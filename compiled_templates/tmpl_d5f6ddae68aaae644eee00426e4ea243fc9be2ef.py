from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'note-interne.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_organisation = resolve('organisation')
    l_0_namespace = resolve('namespace')
    l_0_note_interne = resolve('note_interne')
    l_0_classement = resolve('classement')
    l_0_vigilance_interne = resolve('vigilance_interne')
    l_0_document = resolve('document')
    l_0_m = l_0_titre_document = l_0_statut_document = l_0_section = missing
    try:
        t_1 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    try:
        t_2 = environment.filters['cellule']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'cellule' found.")
    try:
        t_3 = environment.filters['en_ligne']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'en_ligne' found.")
    pass
    l_0_m = context.vars['m'] = environment.get_template('_macros.md.j2', 'note-interne.md.j2')._get_default_module(context)
    context.exported_vars.discard('m')
    l_0_titre_document = 'Note interne : ne pas transmettre au partenaire'
    context.vars['titre_document'] = l_0_titre_document
    context.exported_vars.add('titre_document')
    l_0_statut_document = markup_join(('Document interne à ', environment.getattr((undefined(name='organisation') if l_0_organisation is missing else l_0_organisation), 'nom'), ', à ne pas transmettre au partenaire', ))
    context.vars['statut_document'] = l_0_statut_document
    context.exported_vars.add('statut_document')
    template = environment.get_template('_entete.md.j2', 'note-interne.md.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'m': l_0_m, 'section': l_0_section, 'statut_document': l_0_statut_document, 'titre_document': l_0_titre_document}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '**Document interne à '
    yield escape(environment.finalize(t_3(environment.getattr((undefined(name='organisation') if l_0_organisation is missing else l_0_organisation), 'nom'))))
    yield '. Ne pas transmettre au partenaire.**\n\nCette note rassemble ce que '
    yield escape(environment.finalize(t_3(environment.getattr((undefined(name='organisation') if l_0_organisation is missing else l_0_organisation), 'nom'))))
    yield ' garde pour elle\xa0: l’introspection de l’étape 1, les notes du dialogue, les partenaires pressentis avec leurs scores et les raisons d’en écarter certains, les risques perçus. Le document de cadrage, la checklist de convention et le plan de suivi n’en reprennent rien\xa0: ils peuvent être envoyés au partenaire.\n\n'
    l_0_section = context.call((undefined(name='namespace') if l_0_namespace is missing else l_0_namespace), n=0)
    context.vars['section'] = l_0_section
    context.exported_vars.add('section')
    for l_1_etape in (undefined(name='note_interne') if l_0_note_interne is missing else l_0_note_interne):
        _loop_vars = {}
        pass
        if not isinstance(l_0_section, Namespace):
            raise TemplateRuntimeError("cannot assign attribute on non-namespace object")
        l_0_section['n'] = (environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'n') + 1)
        yield '# '
        yield escape(environment.finalize(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'n')))
        yield '. Étape '
        yield escape(environment.finalize(environment.getattr(l_1_etape, 'numero')))
        yield '\xa0: '
        yield escape(environment.finalize(t_3(environment.getattr(l_1_etape, 'titre'))))
        yield '\n\n'
        for l_2_r in environment.getattr(l_1_etape, 'reponses'):
            _loop_vars = {}
            pass
            if environment.getattr(l_2_r, 'liste'):
                pass
                yield '**'
                yield escape(environment.finalize(t_3(environment.getattr(l_2_r, 'label'))))
                yield '\xa0:**\n'
                if environment.getattr(l_2_r, 'valeur'):
                    pass
                    yield '\n'
                    for l_3_el in environment.getattr(l_2_r, 'valeur'):
                        _loop_vars = {}
                        pass
                        yield '- '
                        yield escape(environment.finalize(t_1(environment.getattr(l_2_r, 'element'))))
                        yield ' '
                        yield escape(environment.finalize(environment.getattr(l_3_el, 'numero')))
                        yield '\xa0:\n'
                        for (l_4_libelle, l_4_valeur) in context.call(environment.getattr(l_3_el, 'champs'), _loop_vars=_loop_vars):
                            _loop_vars = {}
                            pass
                            yield '    - **'
                            yield escape(environment.finalize(t_3(l_4_libelle)))
                            yield '\xa0:** '
                            yield escape(environment.finalize(t_3(l_4_valeur)))
                            yield '\n'
                        l_4_libelle = l_4_valeur = missing
                    l_3_el = missing
                    yield '\n'
                else:
                    pass
                    yield escape(environment.finalize(environment.getattr(l_2_r, 'valeur')))
                    yield '\n\n'
            else:
                pass
                yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'paragraphe'), environment.getattr(l_2_r, 'label'), environment.getattr(l_2_r, 'valeur'), _loop_vars=_loop_vars)))
                yield '\n\n'
        l_2_r = missing
    l_1_etape = missing
    if not isinstance(l_0_section, Namespace):
        raise TemplateRuntimeError("cannot assign attribute on non-namespace object")
    l_0_section['n'] = (environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'n') + 1)
    yield '# '
    yield escape(environment.finalize(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'n')))
    yield '. Comparaison des partenaires pressentis\n\n'
    if (undefined(name='classement') if l_0_classement is missing else l_0_classement):
        pass
        yield 'Les partenaires pressentis ont été comparés sur les critères de sélection de la méthode (guide ORSE / Le RAMEAU, étape 3), pondérés par '
        yield escape(environment.finalize(environment.getattr((undefined(name='organisation') if l_0_organisation is missing else l_0_organisation), 'nom')))
        yield '. Score sur 100\xa0:\n\n| Rang | Partenaire pressenti | Score | Remarque |\n|---------|------------------------------|-------------|------------------------------|\n'
        for l_1_c in (undefined(name='classement') if l_0_classement is missing else l_0_classement):
            _loop_vars = {}
            pass
            yield '| '
            yield escape(environment.finalize(environment.getattr(l_1_c, 'rang')))
            yield ' | '
            yield escape(environment.finalize(t_2(environment.getattr(l_1_c, 'nom'))))
            yield ' | '
            yield escape(environment.finalize(t_2(environment.getattr(l_1_c, 'note'))))
            yield ' | '
            yield escape(environment.finalize(t_2(environment.getattr(l_1_c, 'remarque'))))
            yield ' |\n'
        l_1_c = missing
        yield '\n'
        for l_1_c in (undefined(name='classement') if l_0_classement is missing else l_0_classement):
            _loop_vars = {}
            pass
            if environment.getattr(l_1_c, 'raisons'):
                pass
                yield '**'
                yield escape(environment.finalize(t_3(environment.getattr(l_1_c, 'nom'))))
                yield '\xa0:**\n\n'
                for l_2_raison in environment.getattr(l_1_c, 'raisons'):
                    _loop_vars = {}
                    pass
                    yield '- '
                    yield escape(environment.finalize(l_2_raison))
                    yield '\n'
                l_2_raison = missing
                yield '\n'
        l_1_c = missing
    else:
        pass
        yield 'Aucune comparaison de partenaires pressentis n’a été saisie (étape 3).\n\n'
    if not isinstance(l_0_section, Namespace):
        raise TemplateRuntimeError("cannot assign attribute on non-namespace object")
    l_0_section['n'] = (environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'n') + 1)
    yield '# '
    yield escape(environment.finalize(environment.getattr((undefined(name='section') if l_0_section is missing else l_0_section), 'n')))
    yield '. Points de vigilance de la préparation interne\n\n'
    if (undefined(name='vigilance_interne') if l_0_vigilance_interne is missing else l_0_vigilance_interne):
        pass
        yield '| Niveau | Étape | Point de vigilance |\n|---------------|-------|----------------------------------------------|\n'
        for l_1_f in (undefined(name='vigilance_interne') if l_0_vigilance_interne is missing else l_0_vigilance_interne):
            l_1_severites = resolve('severites')
            _loop_vars = {}
            pass
            yield '| '
            yield escape(environment.finalize(t_2(context.call(environment.getattr((undefined(name='severites') if l_1_severites is missing else l_1_severites), 'get'), environment.getattr(l_1_f, 'severite'), environment.getattr(l_1_f, 'severite'), _loop_vars=_loop_vars))))
            yield ' | '
            yield escape(environment.finalize(environment.getattr(l_1_f, 'etape')))
            yield ' | '
            yield escape(environment.finalize(t_2(environment.getattr(l_1_f, 'titre'))))
            yield '\xa0: '
            yield escape(environment.finalize(t_2(environment.getattr(l_1_f, 'message'))))
            yield ' |\n'
        l_1_f = l_1_severites = missing
    else:
        pass
        yield 'Aucun point de vigilance sur la préparation interne (étapes 1 à 3).\n'
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'sources'), environment.getattr((undefined(name='document') if l_0_document is missing else l_0_document), 'outil'))))
    yield '\n'

blocks = {}
debug_info = '1=36&2=38&3=41&4=44&5=51&7=53&9=55&10=58&11=63&12=65&14=71&15=74&16=77&17=79&19=82&20=86&21=90&22=94&27=103&31=107&36=113&37=115&39=117&40=120&44=122&45=126&48=136&49=139&50=142&52=144&53=148&62=158&63=160&65=162&68=165&69=170&75=183'